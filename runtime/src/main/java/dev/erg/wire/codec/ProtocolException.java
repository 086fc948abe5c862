package dev.erg.wire.codec;

import java.util.Objects;

/**
 * Thrown when bytes from a peer break the wire protocol. The message says what was wrong and
 * where, e.g. {@code "list length 70000 at $.args[2] (expected: <= 65536)"}, where the path
 * starts at {@code $}, the decoded message or value.
 *
 * <p>A protocol exception is fatal to the session that received the bytes: the session answers
 * with an {@code abort} carrying {@link #abortReason()} and closes. It never affects other
 * sessions. The exception carries no stack trace, so a hostile peer cannot make it expensive.
 */
public final class ProtocolException extends RuntimeException {

    private final ProtocolError error;

    /** An exception for a broken rule of kind {@code error}, described by {@code message}. */
    public ProtocolException(ProtocolError error, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** Which kind of rule was broken. */
    public ProtocolError error() {
        return error;
    }

    /** The reason to send in an {@code abort}: the error code, a colon, and the message. */
    public String abortReason() {
        return error.code() + ": " + getMessage();
    }
}
