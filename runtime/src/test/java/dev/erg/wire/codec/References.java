package dev.erg.wire.codec;

import dev.erg.wire.NotPassableException;


/** Reference mappings for tests: descriptors stand for themselves. */
final class References {

    /** Writes a {@link Descriptor} found in a value as itself; refuses anything else. */
    static final ReferenceEncoder PASS = reference -> {
        if (reference instanceof Descriptor descriptor) {
            return descriptor;
        }
        throw new NotPassableException(reference.getClass().getName() + " is not a descriptor");
    };

    /** Keeps each decoded descriptor as the value. */
    static final ReferenceDecoder KEEP = (descriptor, expected) -> descriptor;

    private References() {
    }
}
