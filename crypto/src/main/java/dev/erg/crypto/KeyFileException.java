package dev.erg.crypto;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A vat key file could be read but not used; {@link #reason()} says why in a form programs
 * can branch on, and the message says it for people, naming the file.
 */
public final class KeyFileException extends IOException {

    /** Why a key file was refused. */
    public enum Reason {
        /** The file has no content. */
        EMPTY,
        /** The file is not PEM text. */
        NOT_PEM,
        /** The PEM block has no end line: the file was cut short. */
        TRUNCATED,
        /** The PEM block or the key structure inside it is damaged or too large. */
        MALFORMED,
        /** The file holds something other than an Ed25519 private key. */
        NOT_ED25519,
        /** The key is encrypted and no passphrase was given. */
        PASSPHRASE_REQUIRED,
        /** The key is encrypted and the given passphrase does not decrypt it. */
        WRONG_PASSPHRASE
    }

    private final Path file;
    private final Reason reason;

    KeyFileException(Path file, Reason reason, String detail) {
        super("key file " + file + ": " + detail);
        this.file = file;
        this.reason = reason;
    }

    /** The file that was refused. */
    public Path file() {
        return file;
    }

    /** Why it was refused. */
    public Reason reason() {
        return reason;
    }
}
