package dev.erg.server.durable;

import dev.erg.captp.SturdyRef;
import dev.erg.server.durable.flows.OutFlow;
import dev.erg.vat.Problem;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The {@link DurableStreams} of one durable object: its writes go into the engine's current
 * turn, as its {@link Self}'s do, and each stream's counts into the state of the stream's
 * {@link Outlet}, an object made by the turn that opened it.
 */
final class SelfStreams implements DurableStreams {

    static final int MAX_TOPIC = 200;

    private final Engine engine;
    private final Live owner;
    /** The inlet last parsed, and its text: a writer mostly writes to one stream at a time. */
    private SturdyRef inlet;
    private String inletText;

    SelfStreams(Engine engine, Live owner) {
        this.engine = engine;
        this.owner = owner;
    }

    @Override
    public long open(SturdyRef sink, String topic) {
        return open(sink, topic, DEFAULT_ITEMS, DEFAULT_BYTES);
    }

    @Override
    public long open(SturdyRef sink, String topic, int maxItems, long maxBytes) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(topic, "topic");
        if (topic.length() > MAX_TOPIC) {
            throw new IllegalArgumentException("topic of " + topic.length() + " characters (expected: at most " + MAX_TOPIC + ")");
        }
        if (maxItems < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("window of " + maxItems + " items and " + maxBytes + " bytes (expected: at least 1 of each)");
        }
        Turn turn = engine.requireTurn("open");
        byte[] secret = new byte[Inlets.SECRET_BYTES];
        engine.random().nextBytes(secret);
        SturdyRef inlet = new SturdyRef(sink.vatId(), sink.hints(), Inlets.swiss(secret));
        Live end = new Live(engine.nextObject(), Outlet.KIND, new OutFlow(owner.id, sink.toString(), inlet.toString(),
                topic, maxItems, maxBytes, 0, 0, 0, false, false, false, "", ""));
        turn.unnamed.add(end);
        send(turn, sink, Outlet.OPEN, end, HexFormat.of().formatHex(secret), topic);
        return end.id;
    }

    @Override
    public boolean write(long stream, Object item) {
        Turn turn = engine.requireTurn("write");
        Live end = end(turn, stream);
        OutFlow s = writable(turn, end, "write to");
        long seq = s.written() + 1;
        byte[] args = encode(seq, item);
        long pending = s.written() - s.consumed();
        if (pending >= s.maxItems() || pending > 0 && s.bytesPending() + args.length > s.maxBytes()) {
            if (!s.waiting()) {
                turn.writes.put(end, s.withCounts(s.written(), s.consumed(), s.bytesPending(), true));
            }
            return false;
        }
        turn.sends.add(new Turn.Send(inlet(s), Inlet.ITEM, args, engine.nextTicket(), end.id));
        turn.writes.put(end, s.withCounts(seq, s.consumed(), s.bytesPending() + args.length, s.waiting()));
        return true;
    }

    @Override
    public void close(long stream, Object value) {
        end(stream, Inlet.CLOSE, value);
    }

    @Override
    public void fail(long stream, String reason) {
        end(stream, Inlet.FAIL, Objects.requireNonNull(reason, "reason"));
    }

    private void end(long stream, String method, Object last) {
        Turn turn = engine.requireTurn(method);
        Live end = end(turn, stream);
        OutFlow s = writable(turn, end, method);
        send(turn, inlet(s), method, end, s.written(), last);
        turn.writes.put(end, s.withEnding());
    }

    @Override
    public StreamStatus status(long stream) {
        Turn turn = engine.requireTurn("status");
        OutFlow s = state(turn, end(turn, stream));
        Problem problem = s.problemKind().isEmpty() ? null : new Problem(s.problemKind(), s.problemText());
        return new StreamStatus(stream, s.sink(), s.topic(), s.written(), s.consumed(), s.bytesPending(), s.maxItems(),
                s.maxBytes(), s.ending(), s.ended(), problem);
    }

    /** The writing end of {@code stream}, which this object must have opened: stored, or made by this turn. */
    private Live end(Turn turn, long stream) {
        Live end = null;
        for (Live made : turn.unnamed) {
            if (made.id == stream) {
                end = made;
            }
        }
        if (end == null) {
            end = engine.live(stream);
        }
        if (end == null || end.kind != Outlet.KIND || ((OutFlow) end.state).owner() != owner.id) {
            throw new IllegalStateException("stream " + stream + " is not one this object opened");
        }
        return end;
    }

    private static OutFlow state(Turn turn, Live end) {
        Record written = turn.writes.get(end);
        return (OutFlow) (written != null ? written : end.state);
    }

    private static OutFlow writable(Turn turn, Live end, String what) {
        OutFlow s = state(turn, end);
        if (s.ended() && !s.problemKind().isEmpty()) {
            throw new IllegalStateException("cannot " + what + " stream " + end.id + ": it broke, "
                    + new Problem(s.problemKind(), s.problemText()));
        }
        if (s.ending() || s.ended()) {
            throw new IllegalStateException("cannot " + what + " stream " + end.id + ": its writer ended it");
        }
        return s;
    }

    /** The sturdy ref of the stream's inlet: parsed once per stream, not at each item. */
    private SturdyRef inlet(OutFlow s) {
        if (!s.inlet().equals(inletText)) {
            inlet = SturdyRef.parse(s.inlet());
            inletText = s.inlet();
        }
        return inlet;
    }

    private byte[] encode(Object... args) {
        byte[] encoded = engine.codec().encode(args);
        if (encoded.length > MailboxService.MAX_ARGS) {
            throw new IllegalArgumentException("an item of " + encoded.length + " bytes (expected: at most "
                    + MailboxService.MAX_ARGS + ")");
        }
        return encoded;
    }

    private void send(Turn turn, SturdyRef target, String method, Live sender, Object... args) {
        turn.sends.add(new Turn.Send(target, method, encode(args), engine.nextTicket(), sender.id));
    }
}
