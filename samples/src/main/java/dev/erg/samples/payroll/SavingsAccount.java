package dev.erg.samples.payroll;

import dev.erg.server.durable.Kind;
import dev.erg.server.durable.Self;
import dev.erg.vat.Promise;

/** A durable {@link Account}: each deposit is a turn that commits before it is answered. */
final class SavingsAccount implements Account {

    /** The stored state: as {@link Statement}. */
    record State(String holder, long balance, int deposits) {
    }

    /** The kind, bound by the name {@code savings-account}. */
    static final Kind<State, Account> KIND = new Kind<>("savings-account", State.class, Account.class,
            SavingsAccount::new);

    private final Self<State> self;

    private SavingsAccount(Self<State> self) {
        this.self = self;
    }

    @Override
    public Promise<Long> deposit(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("a deposit of " + amount + ": expected a positive amount");
        }
        State s = self.state();
        State next = new State(s.holder(), Math.addExact(s.balance(), amount), s.deposits() + 1);
        self.update(next);
        return Promise.of(next.balance());
    }

    @Override
    public Promise<Statement> statement() {
        State s = self.state();
        return Promise.of(new Statement(s.holder(), s.balance(), s.deposits()));
    }
}
