package dev.erg.server;

import dev.erg.server.durable.Kind;
import dev.erg.server.durable.Self;
import dev.erg.server.durable.StreamEvent;
import dev.erg.server.durable.StreamSink;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import java.util.List;
import java.util.Map;

/** Makes a durable {@link Gatherer}, of kind {@code gatherer}, as the maker {@code gatherer}. */
public final class GathererMaker implements ServiceMaker {

    /** The stored state: as {@link Gatherer.Report}, with the item to refuse (0: none). */
    record State(long opened, String topic, long entries, long last, long misordered, String end, long refuse) {
    }

    static final Kind<State, Gatherer> KIND = new Kind<>("gatherer", State.class, Gatherer.class, Code::new);

    @Override
    public String name() {
        return "gatherer";
    }

    @Override
    public List<Class<?>> passables() {
        return List.of(Gatherer.Report.class);
    }

    @Override
    public Object make(ServiceContext context) {
        return context.durables().root(KIND, () -> new State(0, "", 0, 0, 0, "", 0));
    }

    private static final class Code implements Gatherer, StreamSink {
        private final Self<State> self;

        Code(Self<State> self) {
            this.self = self;
        }

        @Override
        public void receive(StreamEvent event) {
            State s = self.state();
            self.update(switch (event) {
                case StreamEvent.Opened opened -> new State(s.opened() + 1, opened.topic(), s.entries(), s.last(),
                        s.misordered(), "", s.refuse());
                case StreamEvent.Item item -> {
                    if (item.seq() == s.refuse()) {
                        throw new ProblemException(Problem.of("Declined", "item %d is not wanted", item.seq()));
                    }
                    // An entry arrives as a map of its record's components.
                    long n = ((Number) ((Map<?, ?>) item.value()).get("n")).longValue();
                    boolean inOrder = n == s.last() + 1 && item.seq() == s.entries() + 1;
                    yield new State(s.opened(), s.topic(), s.entries() + 1, n, s.misordered() + (inOrder ? 0 : 1), s.end(),
                            s.refuse());
                }
                case StreamEvent.Closed closed -> new State(s.opened(), s.topic(), s.entries(), s.last(), s.misordered(),
                        "closed " + closed.count() + " " + closed.value(), s.refuse());
                case StreamEvent.Failed failed -> new State(s.opened(), s.topic(), s.entries(), s.last(), s.misordered(),
                        "failed " + failed.count() + " " + failed.reason(), s.refuse());
            });
        }

        @Override
        public Promise<Boolean> refuseItem(long seq) {
            State s = self.state();
            self.update(new State(s.opened(), s.topic(), s.entries(), s.last(), s.misordered(), s.end(), seq));
            return Promise.of(true);
        }

        @Override
        public Promise<Report> report() {
            State s = self.state();
            return Promise.of(new Report(s.opened(), s.topic(), s.entries(), s.last(), s.misordered(), s.end()));
        }
    }
}
