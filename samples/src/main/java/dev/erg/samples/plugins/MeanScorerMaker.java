package dev.erg.samples.plugins;

import dev.erg.server.spi.RootMaker;
import dev.erg.vat.Vat;
import java.util.List;

/**
 * The root maker {@code mean-scorer}: the host's own scoring function, the mean rating, given
 * its {@link Ratings} as the one argument. Registering it also registers {@link Scorer} as a
 * root interface, the one through which uploaded plugins are reached.
 */
public final class MeanScorerMaker implements RootMaker {

    @Override
    public String name() {
        return "mean-scorer";
    }

    @Override
    public Class<?> root() {
        return Scorer.class;
    }

    @Override
    public Object make(Vat vat, List<Object> args) {
        if (args.size() != 1 || !(args.getFirst() instanceof Ratings ratings)) {
            throw new IllegalArgumentException("expected one argument, the Ratings to score from");
        }
        Scorer mean = item -> ratings.of(item).then(MeanScorerMaker::mean);
        return vat.export(mean, Scorer.class);
    }

    private static Long mean(List<Long> stars) {
        return stars.isEmpty() ? 0L : stars.stream().mapToLong(Long::longValue).sum() * 100 / stars.size();
    }
}
