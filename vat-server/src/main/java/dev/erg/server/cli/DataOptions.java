package dev.erg.server.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data} option of the commands that work on a data directory. */
final class DataOptions {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "erg-data",
            description = "The data directory (default: ${DEFAULT-VALUE}).")
    Path data;
}
