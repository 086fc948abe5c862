package dev.erg.server.durable;

import dev.erg.captp.SturdyRef;
import java.util.Objects;

/** The {@link Self} of one live durable object: reads and writes go through the engine's current turn. */
final class LiveSelf<S extends Record> implements Self<S> {

    private final Engine engine;
    private final Live live;
    private DurableStreams streams;

    LiveSelf(Engine engine, Live live) {
        this.engine = engine;
        this.live = live;
    }

    @Override
    @SuppressWarnings("unchecked")
    public S state() {
        Turn turn = engine.currentTurn();
        Record written = turn == null ? null : turn.writes.get(live);
        return (S) (written != null ? written : live.state);
    }

    @Override
    public void update(S next) {
        Objects.requireNonNull(next, "next");
        if (!live.kind.state().isInstance(next)) {
            throw new IllegalArgumentException("kind " + live.kind.name() + " keeps a " + live.kind.state().getName()
                    + ", not a " + next.getClass().getName());
        }
        engine.requireTurn("update").writes.put(live, next);
    }

    @Override
    public <K extends Record, T> SturdyRef create(Kind<K, T> kind, K initial) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(initial, "initial");
        return engine.create(kind, initial);
    }

    @Override
    public DurableStreams streams() {
        if (streams == null) {
            streams = new SelfStreams(engine, live);
        }
        return streams;
    }

    long id() {
        return live.id;
    }

    Engine engine() {
        return engine;
    }

    @Override
    public long send(SturdyRef target, String method, Object... args) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(method, "method");
        Turn turn = engine.requireTurn("send");
        if (method.isEmpty() || method.length() > MailboxService.MAX_METHOD) {
            throw new IllegalArgumentException("method name of " + method.length() + " characters (expected: 1 to "
                    + MailboxService.MAX_METHOD + ")");
        }
        byte[] encoded = engine.codec().encode(args);
        if (encoded.length > MailboxService.MAX_ARGS) {
            throw new IllegalArgumentException("arguments of " + encoded.length + " bytes (expected: at most "
                    + MailboxService.MAX_ARGS + ")");
        }
        long ticket = engine.nextTicket();
        turn.sends.add(new Turn.Send(target, method, encoded, ticket, live.id));
        return ticket;
    }
}
