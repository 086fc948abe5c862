package dev.erg.confine.meter;

/**
 * What one call outside the bundle costs, in computrons: {@code fixed}, plus, for a sized
 * member, the size of one of its operands.
 *
 * @param fixed  charged for every call; at least 0
 * @param sizeBy the operand whose size is added, counting the call's operands on the stack
 *               from 0 (the receiver of an instance method, else the first argument), or
 *               {@link #UNSIZED}. An {@code int} or {@code long} operand counts its value, a
 *               {@code CharSequence} its length, a {@code Collection} or {@code Map} its size
 *               and an array its length; any other operand counts 0.
 */
public record Price(long fixed, int sizeBy) {

    /** {@link #sizeBy} of a price that does not grow with an operand. */
    public static final int UNSIZED = -1;

    public Price {
        if (fixed < 0) {
            throw new IllegalArgumentException("fixed: " + fixed + " (expected: >= 0)");
        }
        if (sizeBy < UNSIZED) {
            throw new IllegalArgumentException("sizeBy: " + sizeBy + " (expected: >= 0, or UNSIZED)");
        }
    }

    /** A price that does not depend on the call's operands. */
    public static Price fixed(long computrons) {
        return new Price(computrons, UNSIZED);
    }

    /** A price of {@code fixed} plus the size of operand {@code operand}. */
    public static Price sized(long fixed, int operand) {
        if (operand < 0) {
            throw new IllegalArgumentException("operand: " + operand + " (expected: >= 0)");
        }
        return new Price(fixed, operand);
    }

    /** Whether the price grows with an operand. */
    public boolean isSized() {
        return sizeBy != UNSIZED;
    }
}
