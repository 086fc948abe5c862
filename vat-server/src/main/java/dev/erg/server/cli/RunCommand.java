package dev.erg.server.cli;

import dev.erg.server.store.DataDir;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vat-server run}: serves a data directory until SIGTERM or Ctrl-C. */
@Command(name = "run",
        description = {
                "Hosts the configured services, each in its own vat, over CapTP (mutual TLS 1.3), printing one"
                        + " sturdy ref per service on stdout.",
                "Stops in order on SIGTERM, Ctrl-C or `vat-server stop`: sessions are closed with a reason,"
                        + " running turns finish, and the exit status is 0."})
final class RunCommand implements Callable<Integer> {

    private final Launch launch;

    @Mixin
    DataOptions data;

    @Mixin
    PassphraseOption passphrase;

    RunCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws Exception {
        DataDir dir = DataDir.open(launch.resolve(data.data));
        return Serving.serve(launch, dir, passphrase.passphrase(launch), false);
    }
}
