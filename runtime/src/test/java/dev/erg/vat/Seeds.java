package dev.erg.vat;

import java.util.function.LongConsumer;

/**
 * The seeds a seeded randomized test runs: the one given by {@code -Derg.seed=N}, else 1 to
 * {@code -Derg.seeds=N}. A failure names its seed and how to replay it.
 */
public final class Seeds {

    private Seeds() {
    }

    /** Runs {@code test} with each seed; {@code what} names the test in a failure. */
    public static void forEach(String what, int defaultCount, LongConsumer test) {
        String one = System.getProperty("erg.seed");
        if (one != null) {
            run(what, Long.parseLong(one), test);
            return;
        }
        int seeds = Integer.getInteger("erg.seeds", defaultCount);
        for (long seed = 1; seed <= seeds; seed++) {
            run(what, seed, test);
        }
    }

    private static void run(String what, long seed, LongConsumer test) {
        try {
            test.accept(seed);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(what + " failed for seed " + seed + " (replay with -Derg.seed=" + seed + "): "
                    + e.getMessage(), e);
        }
    }
}
