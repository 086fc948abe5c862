package dev.erg.wire.codec;

import dev.erg.wire.NotPassableException;

/**
 * Turns a reference found in a value being encoded into the descriptor that stands for it on
 * the wire. The CapTP session implements this with its tables: exporting a local object or
 * promise ({@link Descriptor.ImportObject}, {@link Descriptor.ImportPromise}), naming one it
 * imported from the peer ({@link Descriptor.Export}), or an answer
 * ({@link Descriptor.Answer}).
 *
 * <p>The encoder calls it for every object that is not pass-by-copy data, in the order the
 * objects appear, once per occurrence; {@link Descriptor} objects inside application values are
 * references like any other, so that code cannot forge one.
 */
@FunctionalInterface
public interface ReferenceEncoder {

    /**
     * The descriptor that stands for {@code reference}.
     *
     * @throws NotPassableException if {@code reference} cannot be passed to this peer
     */
    Descriptor encode(Object reference);

    /** An encoder for values that must not hold references: it refuses every one. */
    static ReferenceEncoder none() {
        return reference -> {
            throw new NotPassableException(reference.getClass().getName()
                    + " is not pass-by-copy data, and this encoder passes no references");
        };
    }
}
