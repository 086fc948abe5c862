package dev.erg.confine;

import dev.erg.confine.verify.AllowList;
import dev.erg.confine.verify.BundleCheck;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Judges a bundle's bytecode against the rules of the confined subset, default-deny: a bundle
 * may call only the JDK and Erg members on the allow-list (plus the host types a host chooses to
 * show its bundles), and may not hold mutable static state, reflect, start threads, load
 * classes, or reach files, sockets, clocks, the environment or properties.
 *
 * <p>The verifier never loads a bundle's classes; it reads their class files and reflects only
 * on JDK, Erg and host types. It lists every violation rather than stopping at the first, so an
 * author sees all that must change. A verifier is immutable and safe to share between threads.
 */
public final class Verifier {

    private final Set<Class<?>> hostTypes;
    private final BundleCheck check;

    private Verifier(Set<Class<?>> hostTypes) {
        this.hostTypes = hostTypes;
        this.check = new BundleCheck(AllowList.standard(), hostTypes);
    }

    /** The verifier with the standard allow-list. */
    public static Verifier standard() {
        return new Verifier(Set.of());
    }

    /**
     * A verifier that also lets bundles use {@code hostTypes}: interfaces and records of the
     * host that its bundles implement or receive.
     */
    public Verifier allowing(Collection<Class<?>> hostTypes) {
        Set<Class<?>> all = new LinkedHashSet<>(this.hostTypes);
        all.addAll(hostTypes);
        return new Verifier(Set.copyOf(all));
    }

    /** Every violation of the rules in {@code bundle}; empty if it may be loaded. */
    public List<Violation> check(Bundle bundle) {
        return check.check(bundle.classFiles(), bundle.entry());
    }
}
