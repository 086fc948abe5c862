package dev.erg.server.durable;

import dev.erg.crypto.SwissNumber;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The call a letter carries, run as a turn on the object its swiss number designates, and the
 * receipt that says how it went. Used on the engine's thread.
 */
final class LetterCalls {

    /** Runs a method of a live object as one turn, whose effects join the batch if it completes. */
    @FunctionalInterface
    interface Turns {
        Outcome run(Live object, Method method, Object[] args, Batch batch);
    }

    private static final byte[] NOTHING = new byte[0];

    private final StateCodec codec;
    private final Function<SwissNumber, Long> targets;
    private final long generation;
    private final Function<Long, Live> live;
    private final Turns turns;
    private final Inlets inlets;
    private final Map<Kind<?, ?>, Map<String, Method>> letterMethods = new HashMap<>();

    /**
     * {@code targets} finds the object a swiss number designates, {@code live} loads it,
     * {@code turns} runs a call on it, {@code inlets} the opening of a durable stream; receipts
     * carry {@code generation}.
     */
    LetterCalls(StateCodec codec, Function<SwissNumber, Long> targets, long generation, Function<Long, Live> live,
                Turns turns, Inlets inlets) {
        this.codec = codec;
        this.targets = targets;
        this.generation = generation;
        this.live = live;
        this.turns = turns;
        this.inlets = inlets;
    }

    /** Runs the letter's call as a turn and makes its receipt. */
    Receipt consume(Letter letter, Batch batch) {
        Problem problem;
        byte[] answer = NOTHING;
        Long id = target(letter.swiss(), batch);
        Live object = id == null ? null : live.apply(id);
        if (object == null) {
            problem = Problem.of(Problem.NOT_CALLABLE, "no durable object has this swiss number (revoked, or never issued)");
        } else if (letter.method().equals(Outlet.OPEN)) {
            problem = inlets.open(object, letter.args(), batch).problem();
        } else {
            Method method = method(object.kind, letter.method());
            if (method == null) {
                problem = Problem.of(Problem.NOT_CALLABLE, "kind %s has no method %s", object.kind.name(), letter.method());
            } else {
                Object[] args;
                try {
                    args = codec.decodeArguments(letter.args(), method.getGenericParameterTypes());
                } catch (IllegalArgumentException e) {
                    args = null;
                }
                if (args == null) {
                    problem = Problem.of(Problem.NOT_CALLABLE, "%s.%s: the arguments do not fit %s", object.kind.name(),
                            letter.method(), Arrays.toString(method.getGenericParameterTypes()));
                } else {
                    Outcome outcome = turns.run(object, method, args, batch);
                    problem = outcome.problem();
                    if (problem == null) {
                        try {
                            answer = encodeAnswer(outcome.value());
                        } catch (IllegalArgumentException | IllegalStateException e) {
                            problem = Problem.of(Problem.NOT_PASSABLE, "%s", e.getMessage());
                        }
                    }
                }
            }
        }
        return problem == null
                ? new Receipt(letter.stream(), letter.seq(), generation, answer, "", "")
                : new Receipt(letter.stream(), letter.seq(), generation, NOTHING, problem.kind(), problem.message());
    }

    /**
     * The object {@code swiss} designates: one offered already, or one a turn of this batch
     * made, which is offered once the batch commits (a stream's inlet, say, whose items came
     * in the same delivery as its opening).
     */
    private Long target(String swiss, Batch batch) {
        SwissNumber parsed;
        try {
            parsed = SwissNumber.parse(swiss);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Long offered = targets.apply(parsed);
        return offered != null ? offered : batch.madeAt(parsed);
    }

    /** The method of {@code kind}'s interface a letter may call by {@code name}; null if none, or overloaded. */
    private Method method(Kind<?, ?> kind, String name) {
        return letterMethods.computeIfAbsent(kind, LetterCalls::letterMethods).get(name);
    }

    private static Map<String, Method> letterMethods(Kind<?, ?> kind) {
        Map<String, Method> byName = new HashMap<>();
        Set<String> overloaded = new HashSet<>();
        for (Method m : kind.api().getMethods()) {
            if (!m.isDefault() && !Modifier.isStatic(m.getModifiers()) && byName.putIfAbsent(m.getName(), m) != null) {
                overloaded.add(m.getName());
            }
        }
        byName.keySet().removeAll(overloaded);
        return byName;
    }

    private byte[] encodeAnswer(Object value) {
        Object plain = value;
        if (value instanceof Promise<?> promise) {
            if (!promise.isSettled()) {
                throw new IllegalStateException("a durable method called by letter must answer at once, not with a pending promise");
            }
            Problem broken = promise.problemOrNull();
            if (broken != null) {
                throw new IllegalStateException(broken.toString());
            }
            plain = promise.join(Duration.ZERO);
        }
        return plain == null ? NOTHING : codec.encode(plain);
    }
}
