package dev.erg.server.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Draws without replacement, for the policies that look at a few servers rather than all. */
final class Sampling {

    private Sampling() {
    }

    /** Up to {@code k} distinct elements of {@code from}, in the order drawn. */
    static <T> List<T> distinct(List<T> from, int k, RandomGenerator random) {
        List<T> pool = new ArrayList<>(from);
        int n = Math.min(k, pool.size());
        // A partial Fisher-Yates shuffle: the first n places end up a uniform sample.
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(pool.size() - i);
            T swap = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, swap);
        }
        return List.copyOf(pool.subList(0, n));
    }
}
