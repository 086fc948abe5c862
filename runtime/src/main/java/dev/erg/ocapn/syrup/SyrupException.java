package dev.erg.ocapn.syrup;

import dev.erg.wire.codec.ProtocolError;
import dev.erg.wire.codec.ProtocolException;
import java.util.Objects;

/**
 * Thrown when bytes from a peer are not the canonical Syrup the codec accepts, or break its
 * limits. It says which rule ({@link #error()}), at which byte of the input ({@link #offset()}),
 * what was found and what was expected; the message reads as
 * {@code "<found> at offset <n> (expected: <expected>)"}.
 *
 * <p>It is the only exception the decoders throw on any input. Like {@link ProtocolException}
 * it carries no stack trace, so a hostile peer cannot make failing expensive.
 */
public final class SyrupException extends RuntimeException {

    private final ProtocolError error;
    private final long offset;
    private final String found;
    private final String expected;
    private final boolean truncated;

    /**
     * @param error    the kind of rule broken, with the same codes as the CBOR wire
     * @param offset   the index in the input, from 0, of the byte where the rule was broken
     * @param found    what was found, e.g. {@code "integer with a leading zero"}
     * @param expected what was expected instead, or {@code null}
     */
    public SyrupException(ProtocolError error, long offset, String found, String expected) {
        this(error, offset, found, expected, false);
    }

    private SyrupException(ProtocolError error, long offset, String found, String expected, boolean truncated) {
        super(null, null, false, false);
        this.truncated = truncated;
        this.error = Objects.requireNonNull(error, "error");
        this.offset = offset;
        this.found = Objects.requireNonNull(found, "found");
        this.expected = expected;
    }

    /**
     * A {@link ProtocolError#MALFORMED} failure only because the input ended inside an item: on a
     * stream, more bytes may complete it.
     */
    static SyrupException truncated(long offset, String found, String expected) {
        return new SyrupException(ProtocolError.MALFORMED, offset, found, expected, true);
    }

    /**
     * Whether the input ended before the item did, and nothing else was wrong so far: a reader
     * of a stream without frames (OCapN's {@code tcp-testing-only} netlayer) waits for more
     * bytes instead of failing.
     */
    public boolean isTruncated() {
        return truncated;
    }

    /** Which kind of rule was broken. */
    public ProtocolError error() {
        return error;
    }

    /** The index in the input, from 0, of the byte at which the rule was broken. */
    public long offset() {
        return offset;
    }

    /** What was found, without the offset. */
    public String found() {
        return found;
    }

    /** What was expected instead, or {@code null} where the input is simply refused. */
    public String expected() {
        return expected;
    }

    @Override
    public String getMessage() {
        String message = found + " at offset " + offset;
        return expected == null ? message : message + " (expected: " + expected + ")";
    }

    /** The same failure as the session engine reports it, so that it aborts the session. */
    public ProtocolException toProtocolException() {
        return new ProtocolException(error, getMessage());
    }
}
