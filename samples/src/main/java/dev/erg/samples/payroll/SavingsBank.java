package dev.erg.samples.payroll;

import dev.erg.server.durable.Kind;
import dev.erg.server.durable.Self;
import dev.erg.vat.Promise;
import java.util.HashMap;
import java.util.Map;

/** A durable {@link Bank}: it makes each account as a durable object of its own. */
final class SavingsBank implements Bank {

    /**
     * The stored state.
     *
     * @param accounts the sturdy ref of each holder's account, as text
     */
    record State(Map<String, String> accounts) {
        State {
            accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
        }
    }

    /** The kind, bound by the name {@code savings-bank}. */
    static final Kind<State, Bank> KIND = new Kind<>("savings-bank", State.class, Bank.class, SavingsBank::new);

    private final Self<State> self;

    private SavingsBank(Self<State> self) {
        this.self = self;
    }

    @Override
    public Promise<String> open(String holder) {
        if (holder == null || holder.isBlank()) {
            throw new IllegalArgumentException("an account needs a holder");
        }
        String known = self.state().accounts().get(holder);
        if (known != null) {
            return Promise.of(known);
        }
        String ref = self.create(SavingsAccount.KIND, new SavingsAccount.State(holder, 0, 0)).toString();
        Map<String, String> accounts = new HashMap<>(self.state().accounts());
        accounts.put(holder, ref);
        self.update(new State(accounts));
        return Promise.of(ref);
    }

    @Override
    public Promise<Integer> accounts() {
        return Promise.of(self.state().accounts().size());
    }
}
