package dev.erg.samples.logship;

import dev.erg.captp.SturdyRef;
import dev.erg.server.durable.Kind;
import dev.erg.server.durable.Self;
import dev.erg.server.durable.StreamSource;
import dev.erg.server.durable.StreamStatus;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;

/**
 * A durable {@link OrderLog}. Recording an order and writing it to the stream are apart: orders
 * are recorded at once, and written as the stream's window allows, the rest when the journal
 * has consumed enough to make room again ({@link StreamSource#room}).
 */
final class OrderLogBook implements OrderLog, StreamSource {

    /**
     * The stored state.
     *
     * @param stream the stream to the journal, 0 before {@link #shipTo}
     */
    record State(long stream, long recorded, long written, long fullWindows, boolean dayOver, boolean closed,
                 boolean ended, String problem) {
    }

    static final Kind<State, OrderLog> KIND = new Kind<>("order-log", State.class, OrderLog.class, OrderLogBook::new);

    private final Self<State> self;

    OrderLogBook(Self<State> self) {
        this.self = self;
    }

    @Override
    public Promise<Boolean> shipTo(String journalRef) {
        State s = self.state();
        if (s.stream() != 0) {
            throw new IllegalStateException("the log is shipped already");
        }
        long stream = self.streams().open(SturdyRef.parse(journalRef), "orders");
        self.update(new State(stream, s.recorded(), s.written(), s.fullWindows(), s.dayOver(), s.closed(), s.ended(),
                s.problem()));
        ship();
        return Promise.of(true);
    }

    @Override
    public Promise<Long> record(long count) {
        State s = self.state();
        self.update(new State(s.stream(), s.recorded() + count, s.written(), s.fullWindows(), s.dayOver(), s.closed(),
                s.ended(), s.problem()));
        ship();
        return Promise.of(self.state().recorded());
    }

    @Override
    public Promise<Boolean> closeDay() {
        State s = self.state();
        self.update(new State(s.stream(), s.recorded(), s.written(), s.fullWindows(), true, s.closed(), s.ended(),
                s.problem()));
        ship();
        return Promise.of(true);
    }

    @Override
    public void room(long stream, long consumed) {
        ship();
    }

    @Override
    public void ended(long stream, long consumed, Problem problem) {
        State s = self.state();
        self.update(new State(s.stream(), s.recorded(), s.written(), s.fullWindows(), s.dayOver(), s.closed(), true,
                problem == null ? "" : problem.toString()));
    }

    /** Writes the orders recorded and not yet written, as far as the window allows; closes at the day's end. */
    private void ship() {
        State s = self.state();
        if (s.stream() == 0 || s.closed() || s.ended()) {
            return;
        }
        long written = s.written();
        long full = s.fullWindows();
        while (written < s.recorded()) {
            if (!self.streams().write(s.stream(), Orders.line(written))) {
                full++;
                break;
            }
            written++;
        }
        boolean close = s.dayOver() && written == s.recorded();
        if (close) {
            self.streams().close(s.stream(), written + " orders");
        }
        self.update(new State(s.stream(), s.recorded(), written, full, s.dayOver(), close, false, ""));
    }

    @Override
    public Promise<Report> report() {
        State s = self.state();
        if (s.stream() == 0) {
            return Promise.of(new Report(s.recorded(), 0, 0, 0, false, ""));
        }
        StreamStatus status = self.streams().status(s.stream());
        return Promise.of(new Report(s.recorded(), status.written(), status.consumed(), s.fullWindows(), s.ended(),
                s.problem()));
    }
}
