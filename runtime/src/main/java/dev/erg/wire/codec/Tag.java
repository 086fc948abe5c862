package dev.erg.wire.codec;

/**
 * The CBOR tag numbers of the protocol (see {@code spec/README.md}). Besides the standard
 * bignum and decimal fraction tags, they lie in the first-come-first-served range of the IANA registry.
 */
final class Tag {
    static final int POSITIVE_BIGNUM = 2;
    static final int NEGATIVE_BIGNUM = 3;
    static final int DECIMAL = 4;

    /** Largest magnitude of a decimal's exponent: a receiver is never asked to spell out a vast number. */
    static final int MAX_DECIMAL_EXPONENT = 9999;

    static final int MESSAGE = 40960;
    static final int RECORD = 40961;
    static final int ENUM = 40962;
    static final int PROBLEM = 40963;
    static final int IMPORT_OBJECT = 40964;
    static final int IMPORT_PROMISE = 40965;
    static final int EXPORT = 40966;
    static final int ANSWER = 40967;
    static final int HANDOFF_GIVE = 40968;
    static final int HANDOFF_RECEIVE = 40969;
    static final int SIGNED_ENVELOPE = 40970;

    private Tag() {
    }

    /** The specification's name for a descriptor tag, e.g. {@code "export"}. */
    static String descriptorName(long tag) {
        return switch ((int) tag) {
            case IMPORT_OBJECT -> "import-object";
            case IMPORT_PROMISE -> "import-promise";
            case EXPORT -> "export";
            case ANSWER -> "answer";
            case HANDOFF_GIVE -> "handoff-give";
            case HANDOFF_RECEIVE -> "handoff-receive";
            case SIGNED_ENVELOPE -> "sig-envelope";
            default -> "tag " + tag;
        };
    }

    /** Whether section 5 of the specification defines {@code tag}. */
    static boolean isDefined(long tag) {
        return tag == POSITIVE_BIGNUM || tag == NEGATIVE_BIGNUM || tag == DECIMAL
                || (tag >= MESSAGE && tag <= SIGNED_ENVELOPE);
    }

    /** Whether {@code tag} starts a descriptor. */
    static boolean isDescriptor(long tag) {
        return tag >= IMPORT_OBJECT && tag <= SIGNED_ENVELOPE;
    }
}
