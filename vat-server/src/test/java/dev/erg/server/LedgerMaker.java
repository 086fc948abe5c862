package dev.erg.server;

import dev.erg.server.durable.Kind;
import dev.erg.server.durable.Self;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes {@link Ledger}s, as the maker {@code ledger}: one durable object of kind
 * {@code ledger} per service, holding {@link #INITIAL_BALANCES} at first.
 */
public final class LedgerMaker implements ServiceMaker {

    /** The accounts and their balances in a new ledger. */
    public static final Map<String, Long> INITIAL_BALANCES = initialBalances();

    /** The stored state. */
    record State(Map<String, Long> balances, Map<String, Long> counters, long applied) {
        State {
            balances = Map.copyOf(balances);
            counters = Map.copyOf(counters);
        }
    }

    static final Kind<State, Ledger> KIND = new Kind<>("ledger", State.class, Ledger.class, Book::new);

    @Override
    public String name() {
        return "ledger";
    }

    @Override
    public List<Class<?>> passables() {
        return List.of(LedgerSnapshot.class);
    }

    @Override
    public Object make(ServiceContext context) {
        return context.durables().root(KIND, () -> new State(INITIAL_BALANCES, Map.of(), 0));
    }

    private static Map<String, Long> initialBalances() {
        Map<String, Long> balances = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            balances.put("account-" + i, 1_000L + 250L * i);
        }
        return Map.copyOf(balances);
    }

    /** The behaviour of a ledger. */
    private static final class Book implements Ledger {
        private final Self<State> self;

        Book(Self<State> self) {
            this.self = self;
        }

        @Override
        public Promise<Long> increment(String counter, long by) {
            State state = self.state();
            Map<String, Long> counters = new HashMap<>(state.counters());
            long value = Math.addExact(counters.getOrDefault(counter, 0L), by);
            counters.put(counter, value);
            self.update(new State(state.balances(), counters, state.applied() + 1));
            return Promise.of(value);
        }

        @Override
        public Promise<Long> transfer(String from, String to, long amount) {
            State state = self.state();
            if (!state.balances().containsKey(from) || !state.balances().containsKey(to) || from.equals(to)
                    || amount <= 0) {
                throw new ProblemException(Problem.of(Problem.REFUSED, "transfer of %d from %s to %s", amount, from, to));
            }
            long left = state.balances().get(from) - amount;
            if (left < 0) {
                throw new ProblemException(Problem.of(INSUFFICIENT, "%s holds %d, less than %d", from,
                        state.balances().get(from), amount));
            }
            Map<String, Long> balances = new HashMap<>(state.balances());
            balances.put(from, left);
            balances.merge(to, amount, Math::addExact);
            self.update(new State(balances, state.counters(), state.applied() + 1));
            return Promise.of(left);
        }

        @Override
        public Promise<LedgerSnapshot> snapshot() {
            State state = self.state();
            return Promise.of(new LedgerSnapshot(state.balances(), state.counters(), state.applied()));
        }
    }
}
