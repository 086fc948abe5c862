package dev.erg.captp.session;

import dev.erg.vat.Deferred;
import dev.erg.vat.Passable;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.spi.Refs;
import dev.erg.wire.codec.TaggedValue;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The answers of {@code get}, {@code index} and {@code untag}: the field of a map or passable
 * record, the item of a list, or the payload of a {@link TaggedValue} under the tag asked for,
 * that a target settles to. A target that breaks breaks the answer; one that settles to
 * anything else, or lacks the field or item, or has another tag, breaks it with a
 * {@value Problem#NOT_CALLABLE} problem saying so. Nothing is called on the target: only data
 * is read.
 */
final class Selections {

    private Selections() {
    }

    /** The answer of {@code get}: field {@code field} of what {@code target} settles to. */
    static Promise<Object> field(Object target, String field) {
        return select(target, value -> {
            if (value instanceof Map<?, ?> map) {
                Object found = map.get(field);
                return found != null ? Outcome.of(found) : missing("get: the map has no field \"%s\"", field);
            }
            if (value != null && value.getClass().isRecord() && value.getClass().isAnnotationPresent(Passable.class)) {
                return component(value, field);
            }
            return missing("get: the target settled to %s, not a map or record", what(value));
        });
    }

    /** The answer of {@code index}: item {@code index} of the list {@code target} settles to. */
    static Promise<Object> item(Object target, long index) {
        return select(target, value -> {
            if (!(value instanceof List<?> list)) {
                return missing("index: the target settled to %s, not a list", what(value));
            }
            if (index >= list.size()) {
                return missing("index: the list has %d items, none at %d", list.size(), index);
            }
            return Outcome.of(list.get((int) index));
        });
    }

    /**
     * The answer of {@code untag}: the payload of the tagged value {@code target} settles to, if
     * its tag is {@code tag}. A payload may be {@code null}.
     */
    static Promise<Object> payload(Object target, String tag) {
        return select(target, value -> {
            if (!(value instanceof TaggedValue tagged)) {
                return missing("untag: the target settled to %s, not a tagged value", what(value));
            }
            if (!tagged.tag().equals(tag)) {
                return missing("untag: the value is tagged \"%s\", not \"%s\"", tagged.tag(), tag);
            }
            return Outcome.of(tagged.value());
        });
    }

    /** A selection's value, or why it has none. */
    private record Outcome(Object value, Problem problem) {
        static Outcome of(Object value) {
            return new Outcome(value, null);
        }
    }

    private static Promise<Object> select(Object target, Function<Object, Outcome> selector) {
        Deferred<Object> answer = Promise.defer();
        if (target instanceof Promise<?> promise) {
            Refs.observe(promise, value -> settle(answer, selector.apply(value)), answer.resolver()::reject);
        } else {
            settle(answer, selector.apply(target));
        }
        return answer.promise();
    }

    private static void settle(Deferred<Object> answer, Outcome outcome) {
        if (outcome.problem() != null) {
            answer.resolver().reject(outcome.problem());
        } else {
            answer.resolver().resolve(outcome.value());
        }
    }

    private static Outcome component(Object record, String field) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(field)) {
                try {
                    Object found = c.getAccessor().invoke(record);
                    return found != null ? Outcome.of(found) : missing("get: field \"%s\" of the record is null", field);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    return new Outcome(null, Problem.of(Problem.NOT_PASSABLE, "get: field \"%s\" cannot be read: %s",
                            field, e.getClass().getSimpleName()));
                }
            }
        }
        return missing("get: the record has no field \"%s\"", field);
    }

    /** What a value is, as a problem names it: its kind, never its content. */
    private static String what(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "a string";
            case Number n -> "a number";
            case Boolean b -> "a boolean";
            case byte[] b -> "bytes";
            case List<?> l -> "a list";
            case Map<?, ?> m -> "a map";
            default -> "a reference or other value";
        };
    }

    private static Outcome missing(String format, Object... args) {
        return new Outcome(null, Problem.of(Problem.NOT_CALLABLE, format, args));
    }
}
