package dev.erg.wire.codec;

import java.util.List;
import java.util.Objects;

/**
 * What stands in a message for a reference: a position in one of the session's tables, or a
 * signed certificate for a three-party handoff. Descriptors are named from the
 * <em>receiver's</em> side, as in OCapN: a vat that exports an object to its peer sends
 * {@link ImportObject}, because the receiver will import it; a vat that sends a message to an
 * object its peer exported names it with {@link Export}.
 *
 * <p>Descriptors are protocol data. Applications never hold them: when an application value
 * holds a reference, the CapTP layer's {@link ReferenceEncoder} turns it into a descriptor, and
 * its {@link ReferenceDecoder} turns each descriptor read back into a reference.
 */
public sealed interface Descriptor {

    /** Length of an Ed25519 public key, a vat id, a session id and a side id, in bytes. */
    int ID_BYTES = 32;
    /** Length of an Ed25519 signature, in bytes. */
    int SIGNATURE_BYTES = 64;
    /** Longest gift id, in bytes. */
    int MAX_GIFT_ID_BYTES = 32;

    /** What a message can be sent to: an object the receiver exported, or one of its answers. */
    sealed interface Target extends Descriptor {
        /** The position in the receiver's export or answer table. */
        long position();
    }

    /** A reference the sender exports, which the receiver will import. */
    sealed interface Import extends Descriptor {
        /** The position in the sender's export table. */
        long position();
    }

    /** A handoff certificate; it crosses the wire only inside a {@link SignedEnvelope}. */
    sealed interface Certificate extends Descriptor {
    }

    /**
     * An object the sender exports at {@code position}; the receiver imports it there.
     *
     * @param position the position in the sender's export table, {@code >= 0}
     */
    record ImportObject(long position) implements Import {
        /** @throws IllegalArgumentException if {@code position} is negative */
        public ImportObject {
            checkPosition(position);
        }
    }

    /**
     * A promise the sender exports at {@code position}; the receiver imports it there.
     *
     * @param position the position in the sender's export table, {@code >= 0}
     */
    record ImportPromise(long position) implements Import {
        /** @throws IllegalArgumentException if {@code position} is negative */
        public ImportPromise {
            checkPosition(position);
        }
    }

    /**
     * An object or promise the receiver exported at {@code position}.
     *
     * @param position the position in the receiver's export table, {@code >= 0}
     */
    record Export(long position) implements Target {
        /** @throws IllegalArgumentException if {@code position} is negative */
        public Export {
            checkPosition(position);
        }
    }

    /**
     * The answer to a message the sender delivered with answer position {@code position}: a
     * promise in the receiver's answer table, used for pipelining.
     *
     * @param position the position in the receiver's answer table, {@code >= 0}
     */
    record Answer(long position) implements Target {
        /** @throws IllegalArgumentException if {@code position} is negative */
        public Answer {
            checkPosition(position);
        }
    }

    /**
     * The gifter's certificate for a three-party handoff (OCapN's {@code desc:handoff-give}):
     * "the holder of {@code receiverKey} may withdraw gift {@code giftId}, which I deposited in
     * session {@code session} at the exporter".
     *
     * @param receiverKey   the receiver's Ed25519 public key, {@value #ID_BYTES} bytes
     * @param exporterVatId the exporter's vat id, {@value #ID_BYTES} bytes
     * @param exporterHints where the exporter may be reached, as {@code host:port} strings
     * @param session       the id of the gifter-exporter session, {@value #ID_BYTES} bytes
     * @param gifterSide    the gifter's side id in that session, {@value #ID_BYTES} bytes
     * @param giftId        the gift's id, unique in that session, 1 to
     *                      {@value #MAX_GIFT_ID_BYTES} bytes
     */
    record HandoffGive(Bytes receiverKey, Bytes exporterVatId, List<String> exporterHints,
                       Bytes session, Bytes gifterSide, Bytes giftId) implements Certificate {
        /**
         * Checks every field.
         *
         * @throws IllegalArgumentException if a byte string has the wrong length
         */
        public HandoffGive {
            checkLength("receiverKey", receiverKey, ID_BYTES, ID_BYTES);
            checkLength("exporterVatId", exporterVatId, ID_BYTES, ID_BYTES);
            exporterHints = List.copyOf(exporterHints);
            checkLength("session", session, ID_BYTES, ID_BYTES);
            checkLength("gifterSide", gifterSide, ID_BYTES, ID_BYTES);
            checkLength("giftId", giftId, 1, MAX_GIFT_ID_BYTES);
        }
    }

    /**
     * The receiver's certificate for withdrawing a gift (OCapN's {@code desc:handoff-receive}),
     * sent to the exporter's bootstrap object signed with the receiver's key.
     *
     * @param receivingSession the id of the exporter-receiver session, {@value #ID_BYTES} bytes
     * @param receivingSide    the receiver's side id in that session, {@value #ID_BYTES} bytes
     * @param handoffCount     a number never used before in that session, {@code >= 0}; it
     *                         stops replays
     * @param signedGive       the gifter's signed certificate
     */
    record HandoffReceive(Bytes receivingSession, Bytes receivingSide, long handoffCount,
                          SignedEnvelope<HandoffGive> signedGive) implements Certificate {
        /**
         * Checks every field.
         *
         * @throws IllegalArgumentException if a byte string has the wrong length or
         *                                  {@code handoffCount} is negative
         */
        public HandoffReceive {
            checkLength("receivingSession", receivingSession, ID_BYTES, ID_BYTES);
            checkLength("receivingSide", receivingSide, ID_BYTES, ID_BYTES);
            if (handoffCount < 0) {
                throw new IllegalArgumentException(
                        "handoffCount: " + handoffCount + " (expected: >= 0)");
            }
            Objects.requireNonNull(signedGive, "signedGive");
        }
    }

    /**
     * A certificate with its Ed25519 signature (OCapN's {@code desc:sig-envelope}). The
     * signature covers {@link WireCodec#signedBytes(Certificate)}, the deterministic encoding
     * of {@code signed}.
     *
     * @param signed    the certificate
     * @param signature its signature, {@value #SIGNATURE_BYTES} bytes
     * @param <T>       the kind of certificate
     */
    record SignedEnvelope<T extends Certificate>(T signed, Bytes signature) implements Descriptor {
        /** @throws IllegalArgumentException if the signature has the wrong length */
        public SignedEnvelope {
            Objects.requireNonNull(signed, "signed");
            checkLength("signature", signature, SIGNATURE_BYTES, SIGNATURE_BYTES);
        }
    }

    private static void checkPosition(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position: " + position + " (expected: >= 0)");
        }
    }

    private static void checkLength(String name, Bytes bytes, int min, int max) {
        Objects.requireNonNull(bytes, name);
        int length = bytes.length();
        if (length < min || length > max) {
            String expected = min == max ? Integer.toString(min) : min + ".." + max;
            throw new IllegalArgumentException(
                    name + " length: " + length + " (expected: " + expected + ")");
        }
    }
}
