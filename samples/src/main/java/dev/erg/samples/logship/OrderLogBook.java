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

        State withStream(long stream) {
            return new State(stream, recorded, written, fullWindows, dayOver, closed, ended, problem);
        }

        State withRecorded(long recorded) {
            return new State(stream, recorded, written, fullWindows, dayOver, closed, ended, problem);
        }

        State withDayOver() {
            return new State(stream, recorded, written, fullWindows, true, closed, ended, problem);
        }

        State withShipped(long written, long fullWindows, boolean closed) {
            return new State(stream, recorded, written, fullWindows, dayOver, closed, ended, problem);
        }

        State withEnd(String problem) {
            return new State(stream, recorded, written, fullWindows, dayOver, closed, true, problem);
        }
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
        self.update(s.withStream(stream));
        ship();
        return Promise.of(true);
    }

    @Override
    public Promise<Long> record(long count) {
        State s = self.state();
        self.update(s.withRecorded(s.recorded() + count));
        ship();
        return Promise.of(self.state().recorded());
    }

    @Override
    public Promise<Boolean> closeDay() {
        self.update(self.state().withDayOver());
        ship();
        return Promise.of(true);
    }

    @Override
    public void room(long stream, long consumed) {
        ship();
    }

    @Override
    public void ended(long stream, long consumed, Problem problem) {
        self.update(self.state().withEnd(problem == null ? "" : problem.toString()));
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
        self.update(s.withShipped(written, full, close));
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
