package dev.erg.trace;

import java.util.HexFormat;

/**
 * Where a message or turn stands in a trace, in the shape of W3C trace context: a 16-byte
 * trace id shared by everything one root caused, an 8-byte span id naming this message (and
 * the turn that receives it), and flags whose low bit says the trace is sampled; with, when
 * known, the span id of the turn that sent the message (or, for a reaction, of the message
 * whose answer it reacts to), so that a machine that receives the message knows the turn's
 * parent. Only sampled contexts are carried; an unsampled send carries none.
 *
 * <p>Two contexts are equal when their trace id, span id and flags are: a span id names one
 * message, and its parent is what a context knows of where the message came from, which not
 * every copy does (a {@code traceparent}, or a context from an older peer, carries none).
 *
 * @param traceHigh the first 8 bytes of the trace id, big-endian
 * @param traceLow  the last 8 bytes of the trace id
 * @param span      the span id; never 0
 * @param flags     the trace flags; {@link #SAMPLED} is the only one defined
 * @param parent    the span id of the sending turn, or 0 if none (a root) or not known
 */
public record TraceContext(long traceHigh, long traceLow, long span, byte flags, long parent) {

    /** The flag that says a trace is recorded. */
    public static final byte SAMPLED = 0x01;
    /** The length of a context without a parent as the wire carries it: trace id, span id, flags. */
    public static final int BYTES = 25;
    /** The length of a context with a parent as the wire carries it: trace id, span id, flags, parent span id. */
    public static final int BYTES_WITH_PARENT = 33;

    private static final HexFormat HEX = HexFormat.of();

    /** @throws IllegalArgumentException if the trace id or span id is all zeros, which W3C reserves */
    public TraceContext {
        if (traceHigh == 0 && traceLow == 0) {
            throw new IllegalArgumentException("trace id: all zeros (expected: not)");
        }
        if (span == 0) {
            throw new IllegalArgumentException("span id: 0 (expected: not)");
        }
    }

    /** A context without a parent: a root, or one whose parent is not known. */
    public TraceContext(long traceHigh, long traceLow, long span, byte flags) {
        this(traceHigh, traceLow, span, flags, 0);
    }

    /** Whether the trace is sampled. */
    public boolean sampled() {
        return (flags & SAMPLED) != 0;
    }

    /** A context of the same trace and flags for a new span, whose parent is this one's span. */
    public TraceContext child(long newSpan) {
        return new TraceContext(traceHigh, traceLow, newSpan, flags, span);
    }

    /** Equal to {@code other} if it is a context of the same trace id, span id and flags; the parent does not count. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TraceContext c && c.traceHigh == traceHigh && c.traceLow == traceLow && c.span == span
                && c.flags == flags;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Long.hashCode(traceHigh) + Long.hashCode(traceLow)) + Long.hashCode(span)) + flags;
    }

    /** The trace id as 32 lowercase hex digits. */
    public String traceId() {
        return HEX.toHexDigits(traceHigh) + HEX.toHexDigits(traceLow);
    }

    /** The span id as 16 lowercase hex digits. */
    public String spanId() {
        return spanId(span);
    }

    /** A span id as 16 lowercase hex digits. */
    public static String spanId(long span) {
        return HEX.toHexDigits(span);
    }

    /** The W3C {@code traceparent} header value: {@code 00-TRACEID-SPANID-FLAGS}. */
    public String traceparent() {
        return "00-" + traceId() + "-" + spanId() + "-" + HEX.toHexDigits(flags);
    }

    /**
     * Reads a {@code traceparent} value of version 00.
     *
     * @throws IllegalArgumentException if {@code text} is not one, saying why
     */
    public static TraceContext parse(String text) {
        if (text.length() != 55 || !text.startsWith("00-") || text.charAt(35) != '-' || text.charAt(52) != '-') {
            throw new IllegalArgumentException("traceparent: \"" + text + "\" (expected: 00-<32 hex>-<16 hex>-<2 hex>)");
        }
        try {
            return new TraceContext(HexFormat.fromHexDigitsToLong(text, 3, 19), HexFormat.fromHexDigitsToLong(text, 19, 35),
                    HexFormat.fromHexDigitsToLong(text, 36, 52), (byte) HexFormat.fromHexDigits(text, 53, 55));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("traceparent: \"" + text + "\" (expected: lowercase hex digits)", e);
        }
    }

    /** Reads a span id of 16 hex digits. @throws IllegalArgumentException if it is not one */
    public static long parseSpan(String text) {
        if (text.length() != 16) {
            throw new IllegalArgumentException("span id: \"" + text + "\" (expected: 16 hex digits)");
        }
        try {
            return HexFormat.fromHexDigitsToLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("span id: \"" + text + "\" (expected: 16 hex digits)", e);
        }
    }

    /**
     * The bytes the wire carries: trace id, span id (both big-endian), flags, and then, if the
     * parent is known, its span id (big-endian): {@value #BYTES} or {@value #BYTES_WITH_PARENT}
     * bytes.
     */
    public byte[] toBytes() {
        byte[] bytes = new byte[parent == 0 ? BYTES : BYTES_WITH_PARENT];
        putLong(bytes, 0, traceHigh);
        putLong(bytes, 8, traceLow);
        putLong(bytes, 16, span);
        bytes[24] = flags;
        if (parent != 0) {
            putLong(bytes, BYTES, parent);
        }
        return bytes;
    }

    /**
     * Reads a context the wire carried: {@value #BYTES} bytes without a parent, or
     * {@value #BYTES_WITH_PARENT} with one.
     *
     * @throws IllegalArgumentException if {@code bytes} is of another length, or a trace id,
     *                                  span id or parent span id in it is all zeros
     */
    public static TraceContext fromBytes(byte[] bytes) {
        if (bytes.length != BYTES && bytes.length != BYTES_WITH_PARENT) {
            throw new IllegalArgumentException("trace context length: " + bytes.length + " (expected: " + BYTES
                    + " or " + BYTES_WITH_PARENT + ")");
        }
        long parent = 0;
        if (bytes.length == BYTES_WITH_PARENT) {
            parent = getLong(bytes, BYTES);
            if (parent == 0) {
                throw new IllegalArgumentException("parent span id: 0 (expected: not; a context without a parent has "
                        + BYTES + " bytes)");
            }
        }
        return new TraceContext(getLong(bytes, 0), getLong(bytes, 8), getLong(bytes, 16), bytes[24], parent);
    }

    private static void putLong(byte[] bytes, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            bytes[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long getLong(byte[] bytes, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bytes[at + i] & 0xFF);
        }
        return v;
    }

    @Override
    public String toString() {
        return traceparent();
    }
}
