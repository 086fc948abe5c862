package dev.erg.samples.payroll;

import dev.erg.captp.SturdyRef;
import dev.erg.server.durable.Kind;
import dev.erg.server.durable.Replies;
import dev.erg.server.durable.Reply;
import dev.erg.server.durable.Self;
import dev.erg.vat.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * A durable {@link Payroll}. A month's deposits are sent in the turn that pays it, so they
 * are stored with it: once {@link #payMonth} has answered, they will each reach the bank
 * once, however long it is away and whichever side crashes meanwhile.
 */
final class PayrollOffice implements Payroll, Replies {

    /**
     * One employee.
     *
     * @param account the sturdy ref of the employee's account, as text
     */
    record Employee(String name, String account, long salary) {
    }

    /**
     * The stored state.
     *
     * @param lastTicket the ticket of the last answer, 0 before the first
     */
    record State(List<Employee> employees, int months, long sent, long answered, long lastTicket, long repeated,
                 long broken) {
        State {
            employees = employees == null ? List.of() : List.copyOf(employees);
        }

        State paid(int count) {
            return new State(employees, months + 1, sent + count, answered, lastTicket, repeated, broken);
        }
    }

    /** The kind, bound by the name {@code payroll}. */
    static final Kind<State, Payroll> KIND = new Kind<>("payroll", State.class, Payroll.class, PayrollOffice::new);

    private final Self<State> self;

    private PayrollOffice(Self<State> self) {
        this.self = self;
    }

    @Override
    public Promise<Integer> hire(String name, String accountRef, long salary) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an employee needs a name");
        }
        SturdyRef.parse(accountRef);
        if (salary <= 0) {
            throw new IllegalArgumentException("a salary of " + salary + ": expected a positive amount");
        }
        State s = self.state();
        if (s.employees().stream().anyMatch(e -> e.name().equals(name))) {
            throw new IllegalArgumentException(name + " is on the payroll already");
        }
        List<Employee> employees = new ArrayList<>(s.employees());
        employees.add(new Employee(name, accountRef, salary));
        self.update(new State(employees, s.months(), s.sent(), s.answered(), s.lastTicket(), s.repeated(), s.broken()));
        return Promise.of(employees.size());
    }

    @Override
    public Promise<Integer> payMonth() {
        State s = self.state();
        if (s.employees().isEmpty()) {
            throw new IllegalStateException("nobody is on the payroll");
        }
        for (Employee e : s.employees()) {
            self.send(SturdyRef.parse(e.account()), "deposit", e.salary());
        }
        State next = s.paid(s.employees().size());
        self.update(next);
        return Promise.of(next.months());
    }

    @Override
    public void reply(Reply reply) {
        State s = self.state();
        // Tickets grow with each send, and the outbox answers sends to one vat in the order it
        // sent them: an answer that does not come after the last is one seen before.
        boolean again = reply.ticket() <= s.lastTicket();
        self.update(new State(s.employees(), s.months(), s.sent(), s.answered() + 1,
                Math.max(s.lastTicket(), reply.ticket()), s.repeated() + (again ? 1 : 0),
                s.broken() + (reply.ok() ? 0 : 1)));
    }

    @Override
    public Promise<Report> report() {
        State s = self.state();
        return Promise.of(new Report(s.employees().size(), s.months(), s.sent(), s.answered(), s.repeated(),
                s.broken()));
    }
}
