package dev.erg.server.cli;

import dev.erg.server.config.ConfigFile;
import dev.erg.server.config.SetupException;
import dev.erg.server.store.DataDir;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vat-server init DIR}: makes a data directory with a new identity. */
@Command(name = "init",
        description = "Makes a data directory with a new vat identity and a commented configuration;"
                + " never overwrites one.")
final class InitCommand implements Callable<Integer> {

    /** The sample service a new data directory hosts. */
    static final String SAMPLE = "counter";

    private final Launch launch;

    @Parameters(index = "0", paramLabel = "DIR", description = "The directory to make; it must not exist or be empty.")
    Path dir;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Where the server will listen (default: 127.0.0.1:7700; port 0 picks a free port at each start).")
    String listen;

    @Mixin
    PassphraseOption passphrase;

    InitCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws SetupException {
        InetSocketAddress address = listen == null ? launch.defaultListen() : ConfigFile.listenAddress(listen);
        DataDir made = init(launch, launch.resolve(dir), address, passphrase.passphrase(launch));
        launch.out().println("made " + made.root() + " for vat " + made.vatId());
        return 0;
    }

    /** Makes a data directory at {@code dir} hosting the sample service. */
    static DataDir init(Launch launch, Path dir, InetSocketAddress listen, char[] passphrase) throws SetupException {
        Map<String, String> services = launch.makers().maker(SAMPLE).isPresent() ? Map.of(SAMPLE, SAMPLE) : Map.of();
        return DataDir.init(dir, ConfigFile.defaults(listen, services, launch.makers().names()), passphrase);
    }
}
