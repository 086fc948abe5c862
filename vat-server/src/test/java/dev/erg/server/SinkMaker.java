package dev.erg.server;

import dev.erg.server.durable.Kind;
import dev.erg.server.durable.Self;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.vat.Promise;
import java.util.List;

/** Makes a durable {@link Sink}, of kind {@code sink}, as the maker {@code sink}. */
public final class SinkMaker implements ServiceMaker {

    /** The stored state: as {@link Sink.Report}. */
    record State(long count, long last, long misordered) {
    }

    static final Kind<State, Sink> KIND = new Kind<>("sink", State.class, Sink.class, Code::new);

    @Override
    public String name() {
        return "sink";
    }

    @Override
    public List<Class<?>> passables() {
        return List.of(Sink.Report.class);
    }

    @Override
    public Object make(ServiceContext context) {
        return context.durables().root(KIND, () -> new State(0, 0, 0));
    }

    private static final class Code implements Sink {
        private final Self<State> self;

        Code(Self<State> self) {
            this.self = self;
        }

        @Override
        public Promise<Long> record(long n) {
            State s = self.state();
            State next = new State(s.count() + 1, n, s.misordered() + (n == s.last() + 1 ? 0 : 1));
            self.update(next);
            return Promise.of(next.count());
        }

        @Override
        public Promise<Report> report() {
            State s = self.state();
            return Promise.of(new Report(s.count(), s.last(), s.misordered()));
        }
    }
}
