package dev.erg.wire;

/**
 * Bounds on what one frame from a peer may make the decoder read and allocate. Every bound is
 * checked while decoding, from the lengths declared in CBOR heads, before anything of that
 * size is allocated; a violation is a {@code LIMIT_EXCEEDED} protocol error that aborts the
 * session. The encoder checks the same bounds, so a vat never sends what its peer would
 * reject when both use the same limits.
 *
 * {@snippet :
 * WireLimits limits = WireLimits.builder()
 *         .maxFrameBytes(64 * 1024)
 *         .maxDepth(16)
 *         .build();
 * }
 *
 * @param maxFrameBytes       longest frame payload, in bytes (default 1 MiB)
 * @param maxDepth            deepest nesting of arrays and maps, the message itself counting as
 *                            1 (default 64, at most {@value #MAX_DEPTH_CEILING})
 * @param maxCollectionLength most items in one list, entries in one map, or fields in one
 *                            record (default 65,536)
 * @param maxStringBytes      longest text string, in UTF-8 bytes (default 256 KiB)
 * @param maxBytesLength      longest byte string (default 1 MiB)
 * @param maxTotalValues      most CBOR data items in one frame, tags not counted
 *                            (default 262,144)
 * @param maxBigIntegerBytes  longest magnitude of an integer beyond 64 bits, in bytes
 *                            (default 128)
 */
public record WireLimits(
        int maxFrameBytes,
        int maxDepth,
        int maxCollectionLength,
        int maxStringBytes,
        int maxBytesLength,
        int maxTotalValues,
        int maxBigIntegerBytes) {

    /** The largest {@link #maxDepth()} accepted; deeper nesting would risk the thread's stack. */
    public static final int MAX_DEPTH_CEILING = 256;

    private static final WireLimits DEFAULTS = new WireLimits(
            1 << 20, 64, 1 << 16, 1 << 18, 1 << 20, 1 << 18, 128);

    /**
     * Checks every bound.
     *
     * @throws IllegalArgumentException if a bound is below 1 or {@code maxDepth} exceeds
     *                                  {@value #MAX_DEPTH_CEILING}
     */
    public WireLimits {
        positive("maxFrameBytes", maxFrameBytes);
        positive("maxDepth", maxDepth);
        positive("maxCollectionLength", maxCollectionLength);
        positive("maxStringBytes", maxStringBytes);
        positive("maxBytesLength", maxBytesLength);
        positive("maxTotalValues", maxTotalValues);
        positive("maxBigIntegerBytes", maxBigIntegerBytes);
        if (maxDepth > MAX_DEPTH_CEILING) {
            throw new IllegalArgumentException(
                    "maxDepth: " + maxDepth + " (expected: <= " + MAX_DEPTH_CEILING + ")");
        }
    }

    /** The default limits, listed with the components of this record. */
    public static WireLimits defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from the {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder that starts from these limits. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 1)");
        }
    }

    /** Builds {@link WireLimits}; each setter replaces one bound, checked by {@link #build()}. */
    public static final class Builder {
        private int maxFrameBytes;
        private int maxDepth;
        private int maxCollectionLength;
        private int maxStringBytes;
        private int maxBytesLength;
        private int maxTotalValues;
        private int maxBigIntegerBytes;

        private Builder(WireLimits from) {
            maxFrameBytes = from.maxFrameBytes;
            maxDepth = from.maxDepth;
            maxCollectionLength = from.maxCollectionLength;
            maxStringBytes = from.maxStringBytes;
            maxBytesLength = from.maxBytesLength;
            maxTotalValues = from.maxTotalValues;
            maxBigIntegerBytes = from.maxBigIntegerBytes;
        }

        /** Sets {@link WireLimits#maxFrameBytes()}. */
        public Builder maxFrameBytes(int value) {
            maxFrameBytes = value;
            return this;
        }

        /** Sets {@link WireLimits#maxDepth()}. */
        public Builder maxDepth(int value) {
            maxDepth = value;
            return this;
        }

        /** Sets {@link WireLimits#maxCollectionLength()}. */
        public Builder maxCollectionLength(int value) {
            maxCollectionLength = value;
            return this;
        }

        /** Sets {@link WireLimits#maxStringBytes()}. */
        public Builder maxStringBytes(int value) {
            maxStringBytes = value;
            return this;
        }

        /** Sets {@link WireLimits#maxBytesLength()}. */
        public Builder maxBytesLength(int value) {
            maxBytesLength = value;
            return this;
        }

        /** Sets {@link WireLimits#maxTotalValues()}. */
        public Builder maxTotalValues(int value) {
            maxTotalValues = value;
            return this;
        }

        /** Sets {@link WireLimits#maxBigIntegerBytes()}. */
        public Builder maxBigIntegerBytes(int value) {
            maxBigIntegerBytes = value;
            return this;
        }

        /**
         * The limits set so far.
         *
         * @throws IllegalArgumentException if a bound is out of range, as in the record's
         *                                  constructor
         */
        public WireLimits build() {
            return new WireLimits(maxFrameBytes, maxDepth, maxCollectionLength, maxStringBytes,
                    maxBytesLength, maxTotalValues, maxBigIntegerBytes);
        }
    }
}
