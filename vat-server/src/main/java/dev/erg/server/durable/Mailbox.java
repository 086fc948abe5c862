package dev.erg.server.durable;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.vat.Promise;
import java.util.List;

/**
 * Where a vat-server with durable storage receives {@link Letter}s. Every such server offers
 * one at the well-known swiss number {@link #SWISS}: it grants nothing by itself, since a
 * letter reaches only the object whose swiss number it carries.
 */
public interface Mailbox {

    /** The records that cross to and from a mailbox: register them on both sides. */
    List<Class<?>> PASSABLES = List.of(Letter.class, Receipt.class, Progress.class);

    /** The swiss number of every server's mailbox. */
    SwissNumber SWISS = SwissNumber.parse("erg-durable-mailbox-AAAAAAAAAAAAAAAAAAAAAAA");

    /**
     * The {@link dev.erg.vat.Problem#kind() problem kind} of a letter refused because one side was
     * restored from an old copy of its store: its sequence numbers, counts or generations
     * went back. The stream stops until an operator looks into it.
     */
    String AMNESIA = "Amnesia";

    /**
     * The problem kind of a letter delivered again after its sender confirmed its receipt:
     * harmless from a session the sender gave up, a sign of the sender's rollback otherwise.
     */
    String CONFIRMED = "Confirmed";

    /**
     * Consumes {@code letter} in a turn of the object it names, once: the receipt comes after
     * that turn has committed, and a letter delivered again gets the same receipt. Breaks with
     * {@link #AMNESIA} when the stream's numbers show that either side has forgotten what it
     * acknowledged.
     */
    Promise<Receipt> deliver(Letter letter);

    /**
     * How far this vat's store has come: its generation, incarnation and turns committed. It
     * is how a vat restored from an older copy of its store is noticed when no durable peer
     * streams letters to it: a client that remembers the highest progress it has seen (the
     * command line's {@code call} does, in its turn marks) sees fewer turns, a lower
     * generation, or another incarnation under the same generation, and knows that turns it
     * saw acknowledged are lost. The turns count every turn committed, each before it is
     * acknowledged, and never go back in a store that was not restored; each start raises
     * the generation and draws a new incarnation.
     */
    Promise<Progress> progress();

    /** The mailbox of the vat {@code ref} designates an object of, at the same hints. */
    static SturdyRef of(SturdyRef ref) {
        return new SturdyRef(ref.vatId(), ref.hints(), SWISS);
    }
}
