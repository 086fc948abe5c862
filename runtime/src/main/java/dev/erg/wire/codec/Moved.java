package dev.erg.wire.codec;

import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one frame of an {@code erg-moved/1} connection (spec section 2): a listener that does not
 * host the vat a dialer asked for names that vat and where to dial it instead. Its payload is
 * {@code [vat-id, location-hints]}, a 32-byte string and 1 to {@value #MAX_HINTS} text hints,
 * encoded deterministically and bounded by {@link #LIMITS}. A dialer takes it as a hint only.
 *
 * @param vatId the vat that lives elsewhere, 32 bytes
 * @param hints where it lives, {@code host:port}, in the order to try
 */
public record Moved(Bytes vatId, List<String> hints) {

    /** The length of a vat id, in bytes. */
    public static final int VAT_ID_BYTES = 32;

    /** The most hints one redirect carries. */
    public static final int MAX_HINTS = 16;

    /** The longest hint, in UTF-8 bytes: a 253-byte host name, brackets, a colon and a port. */
    public static final int MAX_HINT_BYTES = 262;

    /** The largest payload of a redirect frame, in bytes. */
    public static final int MAX_FRAME_BYTES = 4096;

    /** The bounds a redirect frame is read under: nothing beyond what the shape needs. */
    public static final WireLimits LIMITS = WireLimits.builder()
            .maxFrameBytes(MAX_FRAME_BYTES)
            .maxDepth(2)
            .maxCollectionLength(MAX_HINTS)
            .maxStringBytes(MAX_HINT_BYTES)
            .maxBytesLength(VAT_ID_BYTES)
            .maxTotalValues(3 + MAX_HINTS)
            .build();

    private static final WireCodec CODEC = new WireCodec(PassableRegistry.empty(), LIMITS);

    /**
     * Checks the shape.
     *
     * @throws IllegalArgumentException if the vat id is not 32 bytes, or the hints are none,
     *                                  more than {@value #MAX_HINTS}, or one is too long
     */
    public Moved {
        Objects.requireNonNull(vatId, "vatId");
        hints = List.copyOf(hints);
        if (vatId.length() != VAT_ID_BYTES) {
            throw new IllegalArgumentException("vat id of " + vatId.length() + " bytes (expected: " + VAT_ID_BYTES + ")");
        }
        if (hints.isEmpty() || hints.size() > MAX_HINTS) {
            throw new IllegalArgumentException(hints.size() + " hints (expected: 1 to " + MAX_HINTS + ")");
        }
        for (String hint : hints) {
            if (hint.getBytes(StandardCharsets.UTF_8).length > MAX_HINT_BYTES) {
                throw new IllegalArgumentException("hint longer than " + MAX_HINT_BYTES + " bytes");
            }
        }
    }

    /** The payload of the frame that carries this redirect. */
    public byte[] encode() {
        return CODEC.encodeValue(List.of(vatId.toByteArray(), hints), ReferenceEncoder.none());
    }

    /**
     * The redirect {@code payload} holds.
     *
     * @throws ProtocolException if it is not one deterministically encoded
     *                           {@code [vat-id, location-hints]} within {@link #LIMITS}
     */
    public static Moved decode(byte[] payload) {
        Object value = CODEC.decodeValue(payload, ReferenceDecoder.none());
        if (!(value instanceof List<?> fields) || fields.size() != 2) {
            String found = value instanceof List<?> list ? "list of " + list.size() : Expect.describe(value);
            throw new ProtocolException(ProtocolError.TYPE_MISMATCH,
                    found + " at $ (expected: [vat-id, location-hints])");
        }
        if (!(fields.get(0) instanceof byte[] vatId)) {
            throw new ProtocolException(ProtocolError.TYPE_MISMATCH,
                    Expect.describe(fields.get(0)) + " at $[0] (expected: byte string)");
        }
        if (vatId.length != VAT_ID_BYTES) {
            throw new ProtocolException(ProtocolError.INVALID_VALUE,
                    "byte string of " + vatId.length + " bytes at $[0] (expected: " + VAT_ID_BYTES + ")");
        }
        if (!(fields.get(1) instanceof List<?> items)) {
            throw new ProtocolException(ProtocolError.TYPE_MISMATCH,
                    Expect.describe(fields.get(1)) + " at $[1] (expected: list)");
        }
        if (items.isEmpty()) {
            throw new ProtocolException(ProtocolError.INVALID_VALUE, "no hints at $[1] (expected: 1 or more)");
        }
        List<String> hints = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String hint)) {
                throw new ProtocolException(ProtocolError.TYPE_MISMATCH,
                        Expect.describe(items.get(i)) + " at $[1][" + i + "] (expected: text string)");
            }
            hints.add(hint);
        }
        return new Moved(Bytes.of(vatId), hints);
    }
}
