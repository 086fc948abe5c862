package dev.erg.server.durable;

import dev.erg.captp.SturdyRef;

/**
 * What the code of a durable object is given: its state, and durable sends.
 *
 * <p>Everything a turn does through its {@code Self} commits together when the turn ends: if
 * the turn throws, its state changes and sends are dropped as if it never ran. Use it only
 * from the methods of the object's behaviour, while they run.
 *
 * @param <S> the state record of the object's {@link Kind}
 */
public interface Self<S extends Record> {

    /** The object's state, as this turn has left it so far. */
    S state();

    /** Replaces the object's state; it is stored when the turn commits. */
    void update(S next);

    /**
     * Makes a new durable object of {@code kind} with state {@code initial}, stored with this
     * turn, and answers its sturdy ref, which designates it from the commit on and across
     * restarts. Keep it in state as its text ({@code ref.toString()}), answer it, or send to
     * it.
     *
     * @throws IllegalArgumentException if {@code kind} was not bound by the service
     *                                  ({@link dev.erg.server.spi.Durables#bind})
     */
    <K extends Record, T> SturdyRef create(Kind<K, T> kind, K initial);

    /**
     * Sends {@code method(args)} to the object {@code target} designates, through this
     * server's outbox: the message leaves once this turn has committed and is delivered
     * exactly once, in order with the other messages to the same vat, even if either vat is
     * down for a while or restarts. Its answer comes back as a {@link Reply} to this object's
     * behaviour if it implements {@link Replies}.
     *
     * @param args values that {@link StateCodec} stores: numbers, strings, booleans, byte
     *             arrays, lists, maps and records of these
     * @return the ticket its {@link Reply} will carry
     * @throws IllegalArgumentException if an argument cannot be stored, the arguments take
     *                                  more than 512 KiB, or the method name is empty or
     *                                  longer than 200 characters
     */
    long send(SturdyRef target, String method, Object... args);

    /** This object's durable streams: ordered items to another durable object, each consumed exactly once. */
    DurableStreams streams();
}
