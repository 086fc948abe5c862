package dev.erg.wire.codec;

import dev.erg.vat.Problem;

/**
 * Stands for the arguments of a message that this side could not read, though they were well
 * formed: a record or enum its application did not register, a record whose fields do not fit
 * the type registered here, one that refused its values, or a reference the session had no room
 * to import. The message around it is read on, so that whoever waits for its answer can be told
 * why instead of the session being aborted. A message's arguments are then exactly one
 * {@code Unreadable} (see {@link #in}).
 *
 * @param kind   the kind of the problem to break the message's answer with
 * @param reason what could not be read, and why
 */
public record Unreadable(String kind, String reason) {

    /** Arguments that could not be read as a passable value: a {@code NotPassable} problem. */
    public Unreadable(String reason) {
        this(Problem.NOT_PASSABLE, reason);
    }

    /** The {@code Unreadable} that stands for {@code args}, or null if they were read. */
    public static Unreadable in(java.util.List<Object> args) {
        return args.size() == 1 && args.getFirst() instanceof Unreadable u ? u : null;
    }
}
