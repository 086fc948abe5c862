package dev.erg.trace;

import java.util.HexFormat;

/**
 * Where a message or turn stands in a trace, in the shape of W3C trace context: a 16-byte
 * trace id shared by everything one root caused, an 8-byte span id naming this message (and
 * the turn that receives it), and flags whose low bit says the trace is sampled. Only sampled
 * contexts are carried; an unsampled send carries none.
 *
 * @param traceHigh the first 8 bytes of the trace id, big-endian
 * @param traceLow  the last 8 bytes of the trace id
 * @param span      the span id; never 0
 * @param flags     the trace flags; {@link #SAMPLED} is the only one defined
 */
public record TraceContext(long traceHigh, long traceLow, long span, byte flags) {

    /** The flag that says a trace is recorded. */
    public static final byte SAMPLED = 0x01;
    /** The length of a context as the wire carries it: trace id, span id, flags. */
    public static final int BYTES = 25;

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

    /** Whether the trace is sampled. */
    public boolean sampled() {
        return (flags & SAMPLED) != 0;
    }

    /** A context of the same trace and flags for a new span. */
    public TraceContext withSpan(long newSpan) {
        return new TraceContext(traceHigh, traceLow, newSpan, flags);
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

    /** The {@value #BYTES} bytes the wire carries: trace id, span id (both big-endian), flags. */
    public byte[] toBytes() {
        byte[] bytes = new byte[BYTES];
        putLong(bytes, 0, traceHigh);
        putLong(bytes, 8, traceLow);
        putLong(bytes, 16, span);
        bytes[24] = flags;
        return bytes;
    }

    /** @throws IllegalArgumentException if {@code bytes} is not {@value #BYTES} bytes of a valid context */
    public static TraceContext fromBytes(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("trace context length: " + bytes.length + " (expected: " + BYTES + ")");
        }
        return new TraceContext(getLong(bytes, 0), getLong(bytes, 8), getLong(bytes, 16), bytes[24]);
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
