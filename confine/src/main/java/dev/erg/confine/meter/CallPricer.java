package dev.erg.confine.meter;

/**
 * Prices the calls a bundle makes to code outside it (the JDK, Erg's API, host types), whose
 * instructions the meter does not count: the host's estimate of their work. Asked once per
 * call site when a bundle is metered, never while it runs.
 */
@FunctionalInterface
public interface CallPricer {

    /**
     * The price of calling {@code name} with {@code descriptor} ({@code (I)Ljava/lang/String;})
     * on {@code owner}, an internal name ({@code java/lang/String}) as the call site names it.
     */
    Price price(String owner, String name, String descriptor);

    /** Prices every call at {@code computrons}. */
    static CallPricer fixed(long computrons) {
        Price price = Price.fixed(computrons);
        return (owner, name, descriptor) -> price;
    }

    /** The default: every call outside the bundle costs 1, like one instruction. */
    static CallPricer standard() {
        return fixed(1);
    }
}
