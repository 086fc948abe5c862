package dev.erg.samples.cluster;

import dev.erg.server.durable.Kind;
import dev.erg.server.durable.Self;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import java.util.HashMap;
import java.util.Map;

/** Makes {@link Tally}s, as the maker {@code tally}: one durable object per vat, holding no parts at first. */
public final class TallyMaker implements ServiceMaker {

    /** The stored state: each part's sum, by the part's name. */
    record State(Map<String, Long> parts) {
        State {
            parts = Map.copyOf(parts);
        }
    }

    static final Kind<State, Tally> KIND = new Kind<>("tally", State.class, Tally.class, Sums::new);

    @Override
    public String name() {
        return "tally";
    }

    @Override
    public Object make(ServiceContext context) {
        return context.durables().root(KIND, () -> new State(Map.of()));
    }

    /** The sum of the squares of {@code from} up to {@code to}, not included. */
    static long squares(long from, long to) {
        long sum = 0;
        for (long i = from; i < to; i++) {
            sum = Math.addExact(sum, Math.multiplyExact(i, i));
        }
        return sum;
    }

    private static final class Sums implements Tally {
        private final Self<State> self;

        Sums(Self<State> self) {
            this.self = self;
        }

        @Override
        public Promise<Integer> add(String part, long from, long to) {
            if (from < 0 || to < from || to - from > 10_000_000) {
                throw new ProblemException(Problem.of(Problem.REFUSED, "part %s: from %d to %d", part, from, to));
            }
            State state = self.state();
            if (state.parts().containsKey(part)) {
                return Promise.of(state.parts().size());
            }
            Map<String, Long> parts = new HashMap<>(state.parts());
            parts.put(part, squares(from, to));
            self.update(new State(parts));
            return Promise.of(parts.size());
        }

        @Override
        public Promise<Long> total() {
            return Promise.of(self.state().parts().values().stream().mapToLong(Long::longValue).reduce(0, Math::addExact));
        }

        @Override
        public Promise<Integer> parts() {
            return Promise.of(self.state().parts().size());
        }
    }
}
