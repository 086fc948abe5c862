package com.example.scoring;

import dev.erg.confine.Endowments;
import dev.erg.confine.VatEntry;
import dev.erg.samples.plugins.Ratings;
import dev.erg.samples.plugins.Scorer;
import dev.erg.vat.Promise;
import java.util.List;

/**
 * A plugin a user uploads: scores an item by the mean of its ratings without the highest and
 * the lowest, so that one enthusiast or one grudge does not move it. It is given the host's
 * {@link Ratings} as its one argument, and that is all it can reach.
 */
public final class TrimmedMeanScorer implements VatEntry, Scorer {

    private Ratings ratings;

    @Override
    public Object start(Endowments endowments, List<Object> args) {
        // A reference that came from another process may not carry its interface: as() gives it one.
        ratings = Promise.of(args.getFirst()).as(Ratings.class);
        return this;
    }

    @Override
    public Promise<Long> score(String item) {
        return ratings.of(item).then(TrimmedMeanScorer::trimmedMean);
    }

    private static Long trimmedMean(List<Long> stars) {
        if (stars.size() < 3) {
            return 0L;
        }
        long sum = 0;
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (Long star : stars) {
            long s = star;
            sum += s;
            lowest = Math.min(lowest, s);
            highest = Math.max(highest, s);
        }
        return (sum - lowest - highest) * 100 / (stars.size() - 2);
    }
}
