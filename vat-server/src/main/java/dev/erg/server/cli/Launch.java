package dev.erg.server.cli;

import dev.erg.server.config.ConfigFile;
import dev.erg.server.host.ServiceRegistry;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one run of the command line works with, so that tests can run it in-process.
 *
 * @param out              where results go: sturdy refs, answers, listings
 * @param err              where errors and notes go
 * @param env              the environment variables
 * @param workingDirectory what relative paths are relative to
 * @param stop             arms what a running server waits for; called once, just before it starts
 * @param makers           the service makers a server may host
 * @param defaultListen    where a data directory made without {@code --listen} listens
 */
public record Launch(PrintStream out, PrintStream err, Map<String, String> env, Path workingDirectory,
                     Supplier<StopSignal> stop, ServiceRegistry makers, InetSocketAddress defaultListen) {

    /** The process's own streams, environment, directory and signals. */
    public static Launch system() {
        return new Launch(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath(), OsSignals::install,
                ServiceRegistry.load(), ConfigFile.DEFAULT_LISTEN);
    }

    /**
     * The environment variable the launcher sets to the command as it was typed (such as
     * {@code bin/vat-server}), for hints that name it.
     */
    static final String COMMAND_VARIABLE = "VAT_SERVER_COMMAND";

    /** {@code path} resolved against the working directory. */
    Path resolve(Path path) {
        return workingDirectory.resolve(path).normalize();
    }

    /** The command that ran this, as the user typed it, or {@code vat-server}. */
    String command() {
        String typed = env.get(COMMAND_VARIABLE);
        return typed == null || typed.isBlank() ? "vat-server" : typed;
    }

    /**
     * The user's configuration directory for Erg: {@code $XDG_CONFIG_HOME/erg}, else
     * {@code ~/.config/erg}.
     */
    Path configDirectory() {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "erg");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".config", "erg");
    }
}
