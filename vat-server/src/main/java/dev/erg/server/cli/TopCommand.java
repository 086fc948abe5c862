package dev.erg.server.cli;

import dev.erg.server.store.DataDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vat-server} alone: serves {@code ./erg-data}, making it first if it does not exist. */
@Command(name = "vat-server",
        description = {
                "Hosts vats and their services over CapTP, and manages and calls them.",
                "Without a command: serves ./erg-data (made first if absent, with a hint of what to try next)"
                        + " and prints the sample service's sturdy ref."})
final class TopCommand implements Callable<Integer> {

    static final Path DEFAULT_DATA = Path.of("erg-data");

    private final Launch launch;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    TopCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws Exception {
        Path data = launch.resolve(DEFAULT_DATA);
        char[] passphrase = new PassphraseOption().passphrase(launch);
        if (Files.exists(data)) {
            return Serving.serve(launch, DataDir.open(data), passphrase, false);
        }
        DataDir dir = InitCommand.init(launch, data, launch.defaultListen(), passphrase);
        launch.err().println("made the data directory " + DEFAULT_DATA + " for vat " + dir.vatId());
        return Serving.serve(launch, dir, passphrase, true);
    }
}
