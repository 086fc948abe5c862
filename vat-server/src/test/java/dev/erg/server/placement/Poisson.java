package dev.erg.server.placement;

import java.util.random.RandomGenerator;

/** Poisson-distributed counts of turns, drawn from a seeded generator. */
final class Poisson {

    private Poisson() {
    }

    /** A count with mean {@code mean}: exact below 30 (Knuth), a rounded normal above. */
    static long sample(double mean, RandomGenerator random) {
        if (mean <= 0) {
            return 0;
        }
        if (mean >= 30) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        long count = 0;
        double product = random.nextDouble();
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }
}
