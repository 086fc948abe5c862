package dev.erg.confine;

/**
 * What a confined vat may spend, in computrons: a deterministic count of the bundle's work
 * (bytecode executed, with arrays charged by their size).
 *
 * @param perTurn the most one turn may use; a turn that needs more terminates the vat
 * @param perVat  the most the vat may use in all its turns
 */
public record Limits(long perTurn, long perVat) {

    public Limits {
        if (perTurn <= 0 || perVat <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + perTurn + ", " + perVat);
        }
    }

    /** 100 million computrons per turn (SwingSet's per-crank limit), 10 billion per vat. */
    public static Limits defaults() {
        return new Limits(100_000_000L, 10_000_000_000L);
    }
}
