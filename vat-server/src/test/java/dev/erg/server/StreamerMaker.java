package dev.erg.server;

import dev.erg.captp.SturdyRef;
import dev.erg.server.durable.DurableStreams;
import dev.erg.server.durable.Kind;
import dev.erg.server.durable.Self;
import dev.erg.server.durable.StreamSource;
import dev.erg.server.durable.StreamStatus;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import java.util.List;

/** Makes a durable {@link Streamer}, of kind {@code streamer}, as the maker {@code streamer}. */
public final class StreamerMaker implements ServiceMaker {

    /** One entry of the stream: its number and a line of text. */
    public record Entry(long n, String line) {
    }

    /**
     * The stored state.
     *
     * @param stream     the stream's number, 0 before {@link Streamer#open}
     * @param closeValue the value to close with once all is written, or null
     */
    record State(long stream, long wanted, long written, long fullWindows, long rooms, String closeValue, boolean closed,
                 boolean ended, String problem) {
    }

    static final Kind<State, Streamer> KIND = new Kind<>("streamer", State.class, Streamer.class, Code::new);

    @Override
    public String name() {
        return "streamer";
    }

    @Override
    public List<Class<?>> passables() {
        return List.of(Streamer.Report.class);
    }

    @Override
    public Object make(ServiceContext context) {
        return context.durables().root(KIND, () -> new State(0, 0, 0, 0, 0, null, false, false, ""));
    }

    private static final class Code implements Streamer, StreamSource {
        private final Self<State> self;

        Code(Self<State> self) {
            this.self = self;
        }

        @Override
        public Promise<Long> open(String sturdyRef, String topic, int maxItems) {
            long stream = self.streams().open(SturdyRef.parse(sturdyRef), topic, maxItems, DurableStreams.DEFAULT_BYTES);
            self.update(new State(stream, 0, 0, 0, 0, null, false, false, ""));
            return Promise.of(stream);
        }

        @Override
        public Promise<Long> write(long count) {
            State s = self.state();
            self.update(new State(s.stream(), s.wanted() + count, s.written(), s.fullWindows(), s.rooms(), s.closeValue(),
                    s.closed(), s.ended(), s.problem()));
            fill();
            return Promise.of(self.state().written());
        }

        @Override
        public Promise<Boolean> closeWhenWritten(String value) {
            State s = self.state();
            self.update(new State(s.stream(), s.wanted(), s.written(), s.fullWindows(), s.rooms(), value, s.closed(),
                    s.ended(), s.problem()));
            fill();
            return Promise.of(true);
        }

        @Override
        public void room(long stream, long consumed) {
            State s = self.state();
            self.update(new State(s.stream(), s.wanted(), s.written(), s.fullWindows(), s.rooms() + 1, s.closeValue(),
                    s.closed(), s.ended(), s.problem()));
            fill();
        }

        @Override
        public void ended(long stream, long consumed, Problem problem) {
            State s = self.state();
            self.update(new State(s.stream(), s.wanted(), s.written(), s.fullWindows(), s.rooms(), s.closeValue(),
                    s.closed(), true, problem == null ? "" : problem.toString()));
        }

        /** Writes what is asked for as far as the window allows, then closes if asked to and all is written. */
        private void fill() {
            State s = self.state();
            if (s.ended() || s.closed()) {
                return;
            }
            long written = s.written();
            long full = s.fullWindows();
            while (written < s.wanted()) {
                if (!self.streams().write(s.stream(), new Entry(written + 1, "entry " + (written + 1)))) {
                    full++;
                    break;
                }
                written++;
            }
            boolean close = s.closeValue() != null && written == s.wanted();
            if (close) {
                self.streams().close(s.stream(), s.closeValue());
            }
            self.update(new State(s.stream(), s.wanted(), written, full, s.rooms(), s.closeValue(), close, false, ""));
        }

        @Override
        public Promise<Report> report() {
            State s = self.state();
            StreamStatus status = self.streams().status(s.stream());
            return Promise.of(new Report(s.wanted(), status.written(), status.consumed(), s.fullWindows(), s.rooms(),
                    s.ended(), s.problem()));
        }
    }
}
