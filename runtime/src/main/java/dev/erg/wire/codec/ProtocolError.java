package dev.erg.wire.codec;

/**
 * What kind of rule a peer's bytes broke. Each constant has a stable {@link #code() code} that
 * is part of the wire specification: it starts the reason of the {@code abort} a session sends
 * when it rejects a frame, and the test vectors in {@code spec/vectors} name it (all but
 * {@link #SESSION_RULE}, which only a sequence of well-formed frames can break).
 */
public enum ProtocolError {
    /** Not well-formed CBOR: truncated input, a reserved initial byte, invalid UTF-8. */
    MALFORMED("malformed"),
    /** Well-formed CBOR outside the deterministic profile the protocol requires. */
    NON_CANONICAL("non-canonical"),
    /** A frame, length, depth or count exceeds a {@link WireLimits} bound. */
    LIMIT_EXCEEDED("limit"),
    /** A CBOR tag the protocol does not define. */
    UNKNOWN_TAG("unknown-tag"),
    /** A message op code the protocol does not define. */
    UNKNOWN_OP("unknown-op"),
    /** A record, enum or enum constant name the receiving application did not register. */
    UNKNOWN_NAME("unknown-name"),
    /** An item of a different type than the place it appears in requires. */
    TYPE_MISMATCH("type-mismatch"),
    /** A map holds the same key twice. */
    DUPLICATE_KEY("duplicate-key"),
    /** Bytes follow the single item a frame must hold. */
    TRAILING_BYTES("trailing-bytes"),
    /** An item of the right type whose value is out of range or rejected by its type. */
    INVALID_VALUE("invalid-value"),
    /**
     * A well-formed message that breaks the session's rules: it names a position the receiver
     * does not hold, reuses an answer position, or comes out of turn.
     */
    SESSION_RULE("protocol");

    private final String code;

    ProtocolError(String code) {
        this.code = code;
    }

    /** The stable name of this error on the wire and in the specification, e.g. {@code "limit"}. */
    public String code() {
        return code;
    }
}
