package dev.erg.server.durable;

import dev.erg.server.durable.flows.InFlow;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;

/** The {@link Inlet} of one stream. */
final class InletCode implements Inlet {

    private final LiveSelf<InFlow> self;

    @SuppressWarnings({"unchecked", "rawtypes"})
    InletCode(Self<InFlow> self) {
        this.self = (LiveSelf) self;
    }

    @Override
    public void item(long seq, Object value) {
        InFlow s = receiving("item " + seq);
        if (seq != s.consumed() + 1) {
            // Letters arrive once and in order: the writer skipped or repeated a number, or the
            // receiving object refused an item before this one, which breaks the stream there.
            throw refused("item " + seq + " came after item " + s.consumed());
        }
        self.update(s.withConsumed(seq));
        sink(s).receive(new StreamEvent.Item(self.id(), seq, value));
    }

    @Override
    public void close(long count, Object value) {
        InFlow s = receiving("its close");
        self.update(s.withEnded());
        sink(s).receive(count == s.consumed() ? new StreamEvent.Closed(self.id(), count, value)
                : new StreamEvent.Failed(self.id(), s.consumed(), unconsumed(count, s)));
    }

    @Override
    public void fail(long count, String reason) {
        InFlow s = receiving("its failure");
        self.update(s.withEnded());
        sink(s).receive(new StreamEvent.Failed(self.id(), s.consumed(),
                count == s.consumed() ? reason : reason + "; " + unconsumed(count, s)));
    }

    private InFlow receiving(String what) {
        InFlow s = self.state();
        if (s.ended()) {
            throw refused(what + " came after the stream's end");
        }
        return s;
    }

    private static String unconsumed(long count, InFlow s) {
        return "the writer ended the stream after " + count + " items, of which " + s.consumed() + " were consumed";
    }

    private StreamSink sink(InFlow s) {
        Object code = self.engine().behaviorOf(s.sink());
        if (!(code instanceof StreamSink sink)) {
            throw new ProblemException(Problem.of(Problem.NOT_CALLABLE, "object %d does not receive streams", s.sink()));
        }
        return sink;
    }

    private static ProblemException refused(String why) {
        return new ProblemException(Problem.of(Problem.REFUSED, "%s", why));
    }
}
