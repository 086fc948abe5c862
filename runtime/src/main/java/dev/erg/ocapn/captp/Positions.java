package dev.erg.ocapn.captp;

import dev.erg.ocapn.syrup.SyrupException;
import dev.erg.ocapn.syrup.SyrupReader;
import dev.erg.wire.codec.ProtocolError;

/** Table positions, gift ids and counters: integers from 0 that fit a {@code long}. */
final class Positions {

    private Positions() {
    }

    static long check(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position " + position + " (expected: >= 0)");
        }
        return position;
    }

    /** Reads a non-negative integer, {@code what} naming it in the error. */
    static long read(SyrupReader in, String what) {
        long at = in.offset();
        Number n = in.readInteger();
        if (!(n instanceof Long value) || value < 0) {
            throw new SyrupException(ProtocolError.INVALID_VALUE, at, what + " " + n,
                    "a non-negative integer below 2^63");
        }
        return value;
    }
}
