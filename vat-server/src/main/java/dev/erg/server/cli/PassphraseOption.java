package dev.erg.server.cli;

import dev.erg.server.config.SetupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the passphrase of the key file comes from: the first line of {@code --passphrase-file},
 * else the environment variable {@value #VARIABLE}, else there is none and the key file is
 * not encrypted. Never an argument, which other users could read in the process list.
 */
final class PassphraseOption {

    static final String VARIABLE = "ERG_PASSPHRASE";

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "A file whose first line is the key file's passphrase (default: the environment variable "
                    + VARIABLE + ", else no passphrase).")
    Path file;

    /** The passphrase, or null if none is given. */
    char[] passphrase(Launch launch) throws SetupException {
        if (file != null) {
            Path path = launch.resolve(file);
            String text;
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new SetupException("cannot read the passphrase file " + path + ": " + e.getMessage(), e);
            }
            String first = text.lines().findFirst().orElse("");
            if (first.isEmpty()) {
                throw new SetupException("the passphrase file " + path + " is empty; its first line must be the passphrase");
            }
            return first.toCharArray();
        }
        String variable = launch.env().get(VARIABLE);
        return variable == null || variable.isEmpty() ? null : variable.toCharArray();
    }
}
