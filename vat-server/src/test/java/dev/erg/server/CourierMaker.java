package dev.erg.server;

import dev.erg.captp.SturdyRef;
import dev.erg.server.durable.Kind;
import dev.erg.server.durable.Replies;
import dev.erg.server.durable.Reply;
import dev.erg.server.durable.Self;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.vat.Promise;
import java.util.List;

/** Makes a durable {@link Courier}, of kind {@code courier}, as the maker {@code courier}. */
public final class CourierMaker implements ServiceMaker {

    /**
     * The stored state.
     *
     * @param target     the sink's sturdy ref, or empty before {@link Courier#aim}
     * @param lastTicket the ticket of the last answer, 0 before the first
     */
    record State(String target, long sent, long answered, long lastTicket, long wrong, String problem) {
    }

    static final Kind<State, Courier> KIND = new Kind<>("courier", State.class, Courier.class, Code::new);

    @Override
    public String name() {
        return "courier";
    }

    @Override
    public List<Class<?>> passables() {
        return List.of(Courier.Report.class);
    }

    @Override
    public Object make(ServiceContext context) {
        return context.durables().root(KIND, () -> new State("", 0, 0, 0, 0, ""));
    }

    private static final class Code implements Courier, Replies {
        private final Self<State> self;

        Code(Self<State> self) {
            this.self = self;
        }

        @Override
        public Promise<Boolean> aim(String sturdyRef) {
            SturdyRef.parse(sturdyRef);
            State s = self.state();
            self.update(new State(sturdyRef, s.sent(), s.answered(), s.lastTicket(), s.wrong(), s.problem()));
            return Promise.of(true);
        }

        @Override
        public Promise<Long> send(long count) {
            State s = self.state();
            if (s.target().isEmpty()) {
                throw new IllegalStateException("not aimed at a sink");
            }
            SturdyRef sink = SturdyRef.parse(s.target());
            for (long i = 1; i <= count; i++) {
                self.send(sink, "record", s.sent() + i);
            }
            long sent = s.sent() + count;
            self.update(new State(s.target(), sent, s.answered(), s.lastTicket(), s.wrong(), s.problem()));
            return Promise.of(sent);
        }

        @Override
        public void reply(Reply reply) {
            State s = self.state();
            long answered = s.answered() + 1;
            // Letters go out in order and the sink counts each once, so the k-th answer says k.
            String wrong = !reply.ok() ? "answer " + answered + " broke: " + reply.problem()
                    : reply.ticket() <= s.lastTicket() ? "ticket " + reply.ticket() + " came after " + s.lastTicket()
                    : !(reply.value() instanceof Number n && n.longValue() == answered)
                    ? "answer " + answered + " said " + reply.value() : null;
            self.update(new State(s.target(), s.sent(), answered, reply.ticket(), s.wrong() + (wrong == null ? 0 : 1),
                    s.problem().isEmpty() && wrong != null ? wrong : s.problem()));
        }

        @Override
        public Promise<Report> report() {
            State s = self.state();
            return Promise.of(new Report(s.sent(), s.answered(), s.wrong(), s.problem()));
        }
    }
}
