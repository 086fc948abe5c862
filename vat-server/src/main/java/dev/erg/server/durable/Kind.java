package dev.erg.server.durable;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A kind of durable object: its name, the record that holds its state, the remote interface
 * it answers, and the code that answers it.
 *
 * <p>Stored objects name their kind; each start binds that name to the code of this build,
 * so code may change while the state stays in place. The state record is stored by the
 * names of its components: a component added later reads as {@code null} (or zero) in old
 * state, which the record's compact constructor replaces by a default; a component removed is
 * ignored when read and dropped at the next write. See the vat-server README for the rules.
 *
 * @param name     the name stored with each object: 1 to 63 lower-case letters, digits, dots and dashes
 * @param state    the record type of the state
 * @param api      the remote interface callers use; its methods answer a {@link dev.erg.vat.Promise} or nothing
 * @param behavior makes the object that answers {@code api} for one durable object, given its {@link Self}
 * @param <S>      the state type
 * @param <T>      the remote interface
 */
public record Kind<S extends Record, T>(String name, Class<S> state, Class<T> api,
                                        Function<Self<S>, ? extends T> behavior) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");

    /** Checks the name and that {@code api} is an interface. */
    public Kind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(behavior, "behavior");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("kind name \"" + name
                    + "\": expected 1 to 63 lower-case letters, digits, dots and dashes");
        }
        if (!api.isInterface()) {
            throw new IllegalArgumentException("kind " + name + ": api " + api.getName() + " is not an interface");
        }
    }
}
