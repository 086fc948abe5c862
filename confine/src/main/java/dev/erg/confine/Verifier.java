package dev.erg.confine;

import java.util.Collection;
import java.util.List;

/**
 * Judges a bundle's bytecode against the rules of the confined subset, default-deny: a bundle
 * may call only the JDK and Erg members on the allow-list (plus the host types a host chooses to
 * show its bundles), and may not hold mutable static state, reflect, start threads, load
 * classes, or reach files, sockets, clocks, the environment or properties.
 */
public final class Verifier {

    private Verifier() {}

    /** The verifier with the standard allow-list. */
    public static Verifier standard() {
        return new Verifier();
    }

    /**
     * A verifier that also lets bundles use {@code hostTypes}: interfaces and records of the
     * host that its bundles implement or receive.
     */
    public Verifier allowing(Collection<Class<?>> hostTypes) {
        return this;
    }

    /** Every violation of the rules in {@code bundle}; empty if it may be loaded. */
    public List<Violation> check(Bundle bundle) {
        return List.of();
    }
}
