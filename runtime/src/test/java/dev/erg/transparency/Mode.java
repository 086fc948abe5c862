package dev.erg.transparency;

/** Where the vats of a scenario run. */
public enum Mode {
    /** Every vat in one {@code VatRuntime}; references are those of {@code Vat.export}. */
    LOCAL("local"),
    /** Each vat behind its own {@code Node}, over mutually authenticated TLS on loopback. */
    TLS("tls"),
    /** Every vat in one runtime on a seeded {@code DeterministicScheduler}. */
    DETERMINISTIC("deterministic");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
