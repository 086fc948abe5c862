package dev.erg.server.config;

/**
 * The server cannot be set up as asked: a bad configuration file, a data directory that is
 * missing, foreign or incomplete, a wrong passphrase, a port in use. The message is one line
 * that says what is wrong and what to fix; it never holds a secret.
 */
public final class SetupException extends Exception {

    /** A problem described by {@code message}, a single line. */
    public SetupException(String message) {
        super(oneLine(message));
    }

    /** A problem described by {@code message}, a single line, found because of {@code cause}. */
    public SetupException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
