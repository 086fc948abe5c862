package dev.erg.ocapn.syrup;

import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.ProtocolError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Reads Syrup items one at a time from a region of a buffer, accepting only their canonical
 * form and staying within {@link WireLimits}. A caller asks what comes next ({@link #peek()}),
 * reads atoms ({@link #readInteger()}, {@link #readString()}…), and walks containers with
 * {@link #enter(SyrupKind)} and {@link #closes()}; the reader checks on its own, whatever the
 * caller builds, that dictionary keys and set items are sorted by their encoded bytes and
 * unique, that records have labels, and every limit.
 *
 * <p>Canonical form, enforced: integers and lengths without leading zeros, no {@code 0-}, no
 * whitespace or other bytes between items, the one NaN of each float width
 * ({@code 7ff8000000000000}, {@code 7fc00000}), strictly valid UTF-8 in strings and symbols.
 * Every length and digit count is checked against its limit and against the bytes left before
 * anything of that size is allocated.
 *
 * <p>Failures are {@link SyrupException}s carrying the offset in the region; the reader throws
 * nothing else on any input. A reader serves one input on one thread.
 */
public final class SyrupReader {

    /** Enough decimal digits for any length up to {@link Integer#MAX_VALUE}. */
    private static final int MAX_LENGTH_DIGITS = 10;
    /** Decimal digits of the largest magnitude every reader accepts, 2^64 - 1. */
    private static final int MIN_INTEGER_DIGITS = 20;
    /** Digits that always fit in a {@code long}. */
    private static final int LONG_SAFE_DIGITS = 18;
    static final long CANONICAL_NAN64 = 0x7ff8_0000_0000_0000L;
    static final int CANONICAL_NAN32 = 0x7fc0_0000;

    private final ByteBuf buf;
    private final int start;
    private final int end;
    private final WireLimits limits;
    private final int maxIntegerDigits;
    private int position;
    private int values;
    private final OpenContainers containers;
    /** The digits last scanned by {@link #terminator()}: from {@code scanStart} to the byte after them. */
    private int scanStart = -1;
    private int scanEnd;

    /**
     * A reader of {@code buf} from index {@code start} (inclusive) to {@code end} (exclusive);
     * offsets in failures count from {@code start}.
     *
     * @throws SyrupException a {@link ProtocolError#LIMIT_EXCEEDED} if the region is longer than
     *                        {@link WireLimits#maxFrameBytes()}
     */
    public SyrupReader(ByteBuf buf, int start, int end, WireLimits limits) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.position = start;
        this.limits = limits;
        if (end - start > limits.maxFrameBytes()) {
            throw new SyrupException(ProtocolError.LIMIT_EXCEEDED, 0, "input length " + (end - start),
                    "<= " + limits.maxFrameBytes());
        }
        this.maxIntegerDigits = Math.max(MIN_INTEGER_DIGITS,
                (int) Math.ceil(limits.maxBigIntegerBytes() * Byte.SIZE * Math.log10(2)));
        this.containers = new OpenContainers(buf, start, limits);
    }

    /** A reader of all of {@code bytes}. */
    public static SyrupReader of(byte[] bytes, WireLimits limits) {
        return new SyrupReader(Unpooled.wrappedBuffer(bytes), 0, bytes.length, limits);
    }

    /** The offset of the next byte to read, from the start of the region. */
    public int offset() {
        return position - start;
    }

    /** How many containers are open around the next item. */
    public int depth() {
        return containers.depth();
    }

    /** Whether every byte of the region has been read. */
    public boolean atEnd() {
        return position >= end;
    }

    /**
     * The kind of the next item, without reading it.
     *
     * @throws SyrupException at the end of the input, or at a byte that starts no item
     */
    public SyrupKind peek() {
        int b = nextByte("another item");
        return switch (b) {
            case 't', 'f' -> SyrupKind.BOOLEAN;
            case 'F' -> SyrupKind.FLOAT32;
            case 'D' -> SyrupKind.FLOAT64;
            case '[' -> SyrupKind.LIST;
            case '{' -> SyrupKind.DICTIONARY;
            case '#' -> SyrupKind.SET;
            case '<' -> SyrupKind.RECORD;
            default -> {
                if (containers.depth() > 0 && b == containers.innermost().closer()) {
                    throw containers.endTooSoon(position);
                }
                if (!isDigit(b)) {
                    throw failAt(position, ProtocolError.MALFORMED, "unexpected byte " + describe(b),
                            containers.depth() > 0 && closing(b) ? "another item or '" + (char) containers.innermost().closer()
                                    + "', the end of the " + containers.innermost().description() : "the start of an item");
                }
                int t = terminator();
                yield switch (buf.getUnsignedByte(t)) {
                    case '+', '-' -> SyrupKind.INTEGER;
                    case ':' -> SyrupKind.BYTES;
                    case '"' -> SyrupKind.STRING;
                    case '\'' -> SyrupKind.SYMBOL;
                    default -> throw failAt(t, ProtocolError.MALFORMED,
                            "unexpected byte " + describe(buf.getUnsignedByte(t)) + " after digits",
                            "'+', '-', ':', '\"' or \"'\"");
                };
            }
        };
    }

    /** Reads {@code t} or {@code f}. */
    public boolean readBoolean() {
        expect(SyrupKind.BOOLEAN);
        beginItem();
        return buf.getUnsignedByte(position++) == 't';
    }

    /**
     * Reads an integer: a {@link Long} where it fits, else a {@link BigInteger}.
     *
     * @throws SyrupException a {@link ProtocolError#LIMIT_EXCEEDED} if its magnitude is wider
     *                        than 64 bits and than {@link WireLimits#maxBigIntegerBytes()} bytes
     */
    public Number readInteger() {
        expect(SyrupKind.INTEGER);
        int at = position;
        beginItem();
        int t = terminator();
        int digits = t - position;
        if (digits > maxIntegerDigits) {
            throw failAt(at, ProtocolError.LIMIT_EXCEEDED, "integer of " + digits + " digits",
                    "<= " + maxIntegerDigits + " digits");
        }
        if (digits > 1 && buf.getUnsignedByte(position) == '0') {
            throw failAt(at, ProtocolError.NON_CANONICAL, "integer with a leading zero", "no leading zeros");
        }
        boolean negative = buf.getUnsignedByte(t) == '-';
        if (negative && digits == 1 && buf.getUnsignedByte(position) == '0') {
            throw failAt(at, ProtocolError.NON_CANONICAL, "0-", "0+, as zero is not negative");
        }
        Number value;
        if (digits <= LONG_SAFE_DIGITS) {
            long magnitude = decimal(position, t);
            value = negative ? -magnitude : magnitude;
        } else {
            BigInteger magnitude = new BigInteger(buf.toString(position, digits, StandardCharsets.US_ASCII));
            int bytes = (magnitude.bitLength() + 7) / Byte.SIZE;
            if (bytes > Long.BYTES && bytes > limits.maxBigIntegerBytes()) {
                throw failAt(at, ProtocolError.LIMIT_EXCEEDED, "integer magnitude of " + bytes + " bytes",
                        "<= " + limits.maxBigIntegerBytes() + " bytes");
            }
            BigInteger signed = negative ? magnitude.negate() : magnitude;
            value = signed.bitLength() < Long.SIZE ? (Number) signed.longValue() : signed;
        }
        position = t + 1;
        return value;
    }

    /** Reads {@code D} and an IEEE 754 binary64; the only NaN accepted is {@code 7ff8000000000000}. */
    public double readFloat64() {
        expect(SyrupKind.FLOAT64);
        int at = position;
        beginItem();
        need(at, 1 + Long.BYTES, "float64");
        long bits = buf.getLong(position + 1);
        position += 1 + Long.BYTES;
        double value = Double.longBitsToDouble(bits);
        if (Double.isNaN(value) && bits != CANONICAL_NAN64) {
            throw failAt(at, ProtocolError.NON_CANONICAL, String.format("NaN with bits %016x", bits),
                    "7ff8000000000000");
        }
        return value;
    }

    /** Reads {@code F} and an IEEE 754 binary32; the only NaN accepted is {@code 7fc00000}. */
    public float readFloat32() {
        expect(SyrupKind.FLOAT32);
        int at = position;
        beginItem();
        need(at, 1 + Integer.BYTES, "float32");
        int bits = buf.getInt(position + 1);
        position += 1 + Integer.BYTES;
        float value = Float.intBitsToFloat(bits);
        if (Float.isNaN(value) && bits != CANONICAL_NAN32) {
            throw failAt(at, ProtocolError.NON_CANONICAL, String.format("NaN with bits %08x", bits), "7fc00000");
        }
        return value;
    }

    /** Reads a byte string, of at most {@link WireLimits#maxBytesLength()} bytes. */
    public byte[] readBytes() {
        expect(SyrupKind.BYTES);
        beginItem();
        int length = length(SyrupKind.BYTES, limits.maxBytesLength());
        byte[] bytes = new byte[length];
        buf.getBytes(position, bytes);
        position += length;
        return bytes;
    }

    /** Reads a string of strictly valid UTF-8, of at most {@link WireLimits#maxStringBytes()} bytes. */
    public String readString() {
        expect(SyrupKind.STRING);
        return text(SyrupKind.STRING);
    }

    /**
     * Reads a symbol (OCapN's selector) and returns its name, strictly valid UTF-8 of at most
     * {@link WireLimits#maxStringBytes()} bytes.
     */
    public String readSymbol() {
        expect(SyrupKind.SYMBOL);
        return text(SyrupKind.SYMBOL);
    }

    /**
     * Opens a container of {@code kind}: a list, dictionary, set or record.
     *
     * @throws SyrupException           a {@link ProtocolError#TYPE_MISMATCH} if the next item is
     *                                  of another kind, a {@link ProtocolError#LIMIT_EXCEEDED} if
     *                                  it would nest deeper than {@link WireLimits#maxDepth()}
     * @throws IllegalArgumentException if {@code kind} is not a container
     */
    public void enter(SyrupKind kind) {
        if (!kind.isContainer()) {
            throw new IllegalArgumentException(kind + " is not a container");
        }
        expect(kind);
        int at = position;
        beginItem();
        if (containers.depth() >= limits.maxDepth()) {
            throw failAt(at, ProtocolError.LIMIT_EXCEEDED, "nesting depth " + (containers.depth() + 1),
                    "<= " + limits.maxDepth());
        }
        position++;
        containers.open(kind);
    }

    /**
     * Whether the innermost open container ends here; if so, reads its closing byte. A record
     * must have had its label, a dictionary a value for each key.
     *
     * @throws IllegalStateException if no container is open
     */
    public boolean closes() {
        if (containers.depth() == 0) {
            throw new IllegalStateException("no container is open");
        }
        SyrupKind kind = containers.innermost();
        int b = nextByte("'" + (char) kind.closer() + "' or another item");
        if (b != kind.closer()) {
            return false;
        }
        int count = containers.itemCount();
        if (kind == SyrupKind.RECORD && count == 0 || kind == SyrupKind.DICTIONARY && count % 2 == 1) {
            throw containers.endTooSoon(position);
        }
        containers.close(position);
        position++;
        return true;
    }

    /**
     * Reads the end of the innermost open container, which must come now: the end of a record
     * of a fixed shape.
     *
     * @param what the container, as the error names it, e.g. {@code "op:abort"}
     * @throws SyrupException a {@link ProtocolError#TYPE_MISMATCH} if more items follow
     */
    public void exit(String what) {
        int at = position;
        boolean record = containers.depth() > 0 && containers.innermost() == SyrupKind.RECORD;
        int items = record ? itemCount() - 1 : itemCount();
        if (!closes()) {
            throw failAt(at, ProtocolError.TYPE_MISMATCH,
                    what + " with more than " + items + (record ? " fields" : " items"),
                    "'" + (char) containers.innermost().closer() + "'");
        }
    }

    /** How many items the innermost open container held so far, a record's label counting as one. */
    public int itemCount() {
        return containers.itemCount();
    }

    /** Checks that nothing follows the items read. */
    public void expectEnd() {
        if (position < end) {
            throw failAt(position, ProtocolError.TRAILING_BYTES, "trailing byte count " + (end - position), "0");
        }
    }

    /**
     * A failure at the start of the next item, for a caller that finds it of the wrong kind or
     * value for its place.
     */
    public SyrupException failure(ProtocolError error, String found, String expected) {
        return failAt(position, error, found, expected);
    }

    /** A {@link ProtocolError#TYPE_MISMATCH} between the next item and {@code expected}. */
    public SyrupException mismatch(String expected) {
        return failAt(position, ProtocolError.TYPE_MISMATCH, peek().description(), expected);
    }

    private void expect(SyrupKind kind) {
        SyrupKind found = peek();
        if (found != kind) {
            throw failAt(position, ProtocolError.TYPE_MISMATCH, found.description(), kind.description());
        }
    }

    /**
     * Counts the item that starts at {@code position} against the limits of the frame and of its
     * container, and checks the order of the dictionary key or set item that ends here.
     */
    private void beginItem() {
        if (++values > limits.maxTotalValues()) {
            throw failAt(position, ProtocolError.LIMIT_EXCEEDED, "value count " + values,
                    "<= " + limits.maxTotalValues());
        }
        containers.item(position);
    }

    private String text(SyrupKind kind) {
        beginItem();
        int at = position;
        int length = length(kind, limits.maxStringBytes());
        if (!ByteBufUtil.isText(buf, position, length, StandardCharsets.UTF_8)) {
            throw failAt(at, ProtocolError.MALFORMED, "invalid UTF-8 in " + kind.description(), null);
        }
        String text = buf.toString(position, length, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    /** Reads the decimal length before a byte string, string or symbol, and its marker. */
    private int length(SyrupKind kind, int limit) {
        int at = position;
        int t = terminator();
        int digits = t - position;
        if (digits > 1 && buf.getUnsignedByte(position) == '0') {
            throw failAt(at, ProtocolError.NON_CANONICAL, kind.description() + " length with a leading zero",
                    "no leading zeros");
        }
        if (digits > MAX_LENGTH_DIGITS) {
            throw failAt(at, ProtocolError.LIMIT_EXCEEDED, kind.description() + " length of " + digits + " digits",
                    "<= " + limit);
        }
        long length = decimal(position, t);
        if (length > limit) {
            throw failAt(at, ProtocolError.LIMIT_EXCEEDED, kind.description() + " length " + length, "<= " + limit);
        }
        int left = end - t - 1;
        if (length > left) {
            throw SyrupException.truncated(at - start, kind.description() + " length " + length,
                    "<= " + left + ", as the input ends");
        }
        position = t + 1;
        return (int) length;
    }

    /** The value of the decimal digits from {@code from} to {@code to}, at most 18 of them. */
    private long decimal(int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (buf.getUnsignedByte(i) - '0');
        }
        return value;
    }

    /** The index of the first byte after the digits that start at {@code position}. */
    private int terminator() {
        if (scanStart == position) {
            return scanEnd;
        }
        int i = position;
        while (i < end && isDigit(buf.getUnsignedByte(i))) {
            i++;
        }
        if (i >= end) {
            throw SyrupException.truncated(position - start, "end of input after " + (i - position) + " digits",
                    "'+', '-', ':', '\"' or \"'\"");
        }
        scanStart = position;
        scanEnd = i;
        return i;
    }

    private int nextByte(String expected) {
        if (position >= end) {
            throw SyrupException.truncated(position - start, "end of input", expected);
        }
        return buf.getUnsignedByte(position);
    }

    private void need(int at, int bytes, String what) {
        if (end - at < bytes) {
            throw SyrupException.truncated(at - start, "truncated " + what,
                    bytes + " bytes, got " + (end - at));
        }
    }

    private SyrupException failAt(int index, ProtocolError error, String found, String expected) {
        return new SyrupException(error, index - start, found, expected);
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    private static boolean closing(int b) {
        return b == ']' || b == '}' || b == '$' || b == '>';
    }

    /** A byte as error messages show it: {@code 'x'} if printable ASCII, else {@code 0x..}. */
    static String describe(int b) {
        return b > ' ' && b < 0x7f ? "'" + (char) b + "'" : String.format("0x%02x", b);
    }
}
