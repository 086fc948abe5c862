package dev.erg.wire.codec;

/**
 * Turns each descriptor read from the wire into the object to put in its place: a far
 * reference or promise for an import, the local object for an export, the answer's promise
 * for an answer. The CapTP session implements this with its tables.
 *
 * <p>The decoder calls it once per descriptor, in the order they appear, with the type the
 * position requires where a registered record declares one (a component of type
 * {@code Counter} passes {@code Counter.class}), so the session can make a proxy of that
 * interface; elsewhere it passes {@code Object.class}. Descriptors handed over are
 * {@link Descriptor.ImportObject}, {@link Descriptor.ImportPromise}, {@link Descriptor.Export},
 * {@link Descriptor.Answer} and {@link Descriptor.SignedEnvelope}.
 */
@FunctionalInterface
public interface ReferenceDecoder {

    /**
     * The object to put in place of {@code descriptor}; never {@code null}. An {@link Unreadable}
     * refuses the reference without failing the message: the message's answer breaks with it.
     *
     * @param descriptor the descriptor read
     * @param expected   the type the object must have where it is read, else {@code Object.class}
     * @throws ProtocolException if the descriptor names nothing the peer may use; the decoder
     *                           adds where it was found to the message. Any other exception
     *                           is a bug and propagates unchanged.
     */
    Object decode(Descriptor descriptor, Class<?> expected);

    /** A decoder for values that must not hold references: it rejects every descriptor. */
    static ReferenceDecoder none() {
        return (descriptor, expected) -> {
            throw new ProtocolException(ProtocolError.TYPE_MISMATCH,
                    "reference " + descriptor + " where only data may appear");
        };
    }
}
