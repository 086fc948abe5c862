package dev.erg.server.durable;

import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
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

    /** What a turn runs, given the object's code. */
    @FunctionalInterface
    interface Body {
        Object run(Object behavior) throws Exception;
    }

    /**
     * Runs {@code method} on {@code object} as one turn; its effects join {@code batch} only
     * if it completes.
     */
    Outcome turn(Live object, Method method, Object[] args, Batch batch) {
        return turn(object, behavior -> {
            try {
                return method.invoke(behavior, args);
            } catch (IllegalAccessException | IllegalArgumentException e) {
                throw new ProblemException(Problem.of(Problem.NOT_CALLABLE, "%s.%s: %s", object.kind.name(),
                        method.getName(), e.getMessage()));
            }
        }, batch);
    }

    /** Runs {@code body} as one turn of {@code object}; its effects join {@code batch} only if it completes. */
    Outcome turn(Live object, Body body, Batch batch) {
        Turn turn = new Turn();
        current = turn;
        Object value;
        try {
            value = body.run(behavior(object));
        } catch (InvocationTargetException e) {
            return new Outcome(null, Problem.from(e.getCause()));
        } catch (Exception e) {
            return new Outcome(null, Problem.from(e));
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

    /**
     * Tells the sender of {@code letter}, in a turn of its own, what its receipt says: a stream's
     * {@link Outlet} counts it, and tells its writer in another turn what follows from it; other
     * senders hear of it if their code {@link Replies}.
     */
    void reply(OutLetter letter, Receipt receipt, Batch batch) {
        Live sender = objects.get(letter.sender());
        if (sender == null) {
            return;
        }
        Object code = behavior(sender);
        if (code instanceof Outlet outlet) {
            Outcome counted = turn(sender, _ -> outlet.acknowledged(letter, receipt), batch);
            if (counted.problem() != null) {
                warn(sender, "receipt of letter " + letter.seq(), counted.problem());
            } else if (counted.value() instanceof Outlet.Notice notice) {
                tell(notice, batch);
            }
        } else if (code instanceof Replies) {
            Reply reply = new Reply(letter.ticket(), receipt.problem() == null ? codec.decodePlain(receipt.answer()) : null,
                    receipt.problem());
            Outcome outcome = turn(sender, REPLY, new Object[]{reply}, batch);
            if (outcome.problem() != null) {
                warn(sender, "reply to ticket " + letter.ticket(), outcome.problem());
            }
        }
    }

    private void tell(Outlet.Notice notice, Batch batch) {
        Live writer = objects.get(notice.owner());
        if (writer != null && behavior(writer) instanceof StreamSource source) {
            Outcome outcome = turn(writer, _ -> {
                notice.tell(source);
                return null;
            }, batch);
            if (outcome.problem() != null) {
                warn(writer, "news of stream " + notice.stream(), outcome.problem());
            }
        }
    }

    private static void warn(Live object, String what, Problem problem) {
        Engine.PEER_CAUSED.log(System.Logger.Level.WARNING, "reply failed " + object.kind.name(),
                () -> "kind " + object.kind.name() + ": " + what + " failed: " + problem, null);
    }

    /** The code bound to {@code object}, bound now if it was not yet. */
    Object behavior(Live object) {
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
        for (Live object : turn.unnamed) {
            Record written = turn.writes.remove(object);
            if (written != null) {
                object.state = written;
            }
        }
        List<StoredObject> encoded = new ArrayList<>(turn.writes.size() + turn.made.size() + turn.unnamed.size());
        for (Map.Entry<Live, Record> write : turn.writes.entrySet()) {
            Live object = write.getKey();
            encoded.add(new StoredObject(object.id, object.kind.name(), codec.encode(write.getValue())));
        }
        for (Made made : turn.made) {
            encoded.add(stored(made.object()));
        }
        for (Live object : turn.unnamed) {
            encoded.add(stored(object));
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
        for (Live object : turn.unnamed) {
            StoredObject stored = encoded.get(i++);
            batch.objects.put(stored.id(), stored);
            objects.put(object);
        }
        for (Turn.Send send : turn.sends) {
            outStreams.send(send, batch);
        }
    }

    private StoredObject stored(Live object) {
        return new StoredObject(object.id, object.kind.name(), codec.encode(object.state));
    }
}
