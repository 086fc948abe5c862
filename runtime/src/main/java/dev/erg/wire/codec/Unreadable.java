package dev.erg.wire.codec;

/**
 * Stands for the arguments of a message that this side could not read, though they were well
 * formed: a record or enum its application did not register, a record whose fields do not fit
 * the type registered here, or one that refused its values. The message around it is read on,
 * so that whoever waits for its answer can be told why instead of the session being aborted.
 * A message's arguments are then exactly one {@code Unreadable} (see {@link #in}).
 *
 * @param reason what could not be read, and why
 */
public record Unreadable(String reason) {

    /** The {@code Unreadable} that stands for {@code args}, or null if they were read. */
    public static Unreadable in(java.util.List<Object> args) {
        return args.size() == 1 && args.getFirst() instanceof Unreadable u ? u : null;
    }
}
