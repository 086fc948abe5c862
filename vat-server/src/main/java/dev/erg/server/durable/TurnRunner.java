package dev.erg.server.durable;

import dev.erg.vat.Problem;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a method of a live object as one turn, binding the object to its kind's code first, and
 * adds what the turn did to the batch. Confined to the engine's thread: {@link #current()} is
 * the turn running there, which the object's {@link Self} adds to.
 */
final class TurnRunner {

    private static final Method REPLY;

    static {
        try {
            REPLY = Replies.class.getMethod("reply", Reply.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Engine engine;
    private final StateCodec codec;
    private final LiveObjects objects;
    private final OutStreams outStreams;
    private Turn current;

    /** Objects' code reaches {@code engine} through their {@link Self}; the turns' letters join {@code outStreams}. */
    TurnRunner(Engine engine, StateCodec codec, LiveObjects objects, OutStreams outStreams) {
        this.engine = engine;
        this.codec = codec;
        this.objects = objects;
        this.outStreams = outStreams;
    }

    /** The turn running now; null between turns. */
    Turn current() {
        return current;
    }

    /** Forgets the turn that was running, which a failure may have left. */
    void clear() {
        current = null;
    }

    /**
     * Runs {@code method} on {@code object} as one turn; its effects join {@code batch} only
     * if it completes.
     */
    Outcome turn(Live object, Method method, Object[] args, Batch batch) {
        Turn turn = new Turn();
        current = turn;
        Object value;
        try {
            value = method.invoke(behavior(object), args);
        } catch (InvocationTargetException e) {
            return new Outcome(null, Problem.from(e.getCause()));
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return new Outcome(null, Problem.of(Problem.NOT_CALLABLE, "%s.%s: %s", object.kind.name(), method.getName(),
                    e.getMessage()));
        } finally {
            current = null;
        }
        try {
            absorb(turn, batch);
        } catch (IllegalArgumentException e) {
            return new Outcome(null, Problem.of(Problem.NOT_PASSABLE, "%s", e.getMessage()));
        }
        return new Outcome(value, null);
    }

    /** Tells the sender of {@code letter}, in a turn of its own, what its receipt says, if its code {@link Replies}. */
    void reply(OutLetter letter, Receipt receipt, Batch batch) {
        Live sender = objects.get(letter.sender());
        if (sender != null && behavior(sender) instanceof Replies) {
            Reply reply = new Reply(letter.ticket(), receipt.problem() == null ? codec.decodePlain(receipt.answer()) : null,
                    receipt.problem());
            Outcome outcome = turn(sender, REPLY, new Object[]{reply}, batch);
            if (outcome.problem() != null) {
                Engine.PEER_CAUSED.log(System.Logger.Level.WARNING, "reply failed " + sender.kind.name(),
                        () -> "kind " + sender.kind.name() + ": reply to ticket " + letter.ticket() + " failed: "
                                + outcome.problem(), null);
            }
        }
    }

    private Object behavior(Live object) {
        if (object.behavior == null) {
            object.behavior = make(object.kind, object);
        }
        return object.behavior;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object make(Kind kind, Live object) {
        return kind.behavior().apply(new LiveSelf(engine, object));
    }

    /** Adds a finished turn's effects to {@code batch}: encodes first, so a state that cannot be stored undoes the turn. */
    private void absorb(Turn turn, Batch batch) {
        List<StoredObject> encoded = new ArrayList<>(turn.writes.size() + turn.made.size());
        for (Map.Entry<Live, Record> write : turn.writes.entrySet()) {
            Live object = write.getKey();
            encoded.add(new StoredObject(object.id, object.kind.name(), codec.encode(write.getValue())));
        }
        for (Made made : turn.made) {
            Live object = made.object();
            encoded.add(new StoredObject(object.id, object.kind.name(), codec.encode(object.state)));
        }
        int i = 0;
        for (Map.Entry<Live, Record> write : turn.writes.entrySet()) {
            write.getKey().state = write.getValue();
            StoredObject stored = encoded.get(i++);
            batch.objects.put(stored.id(), stored);
        }
        for (Made made : turn.made) {
            StoredObject stored = encoded.get(i++);
            batch.objects.put(stored.id(), stored);
            objects.put(made.object());
            batch.made.add(made);
        }
        for (Turn.Send send : turn.sends) {
            outStreams.send(send, batch);
        }
    }
}
