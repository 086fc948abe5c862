package dev.erg.server.durable;

import dev.erg.vat.Passable;
import dev.erg.vat.Problem;

/**
 * The receiving vat's word that a {@link Letter} was consumed by a turn that committed, with
 * that turn's answer. Asking again for the same letter gives the same receipt.
 *
 * @param stream         the letter's stream
 * @param seq            the letter's number
 * @param generation     the receiver's generation when it consumed the letter
 * @param answer         the method's answer, encoded as by {@link StateCodec}; empty when it answered nothing or broke
 * @param problemKind    the {@link Problem#kind()} the call broke with, or empty if it did not
 * @param problemMessage the problem's message, or empty
 */
@Passable("erg.durable.Receipt")
public record Receipt(String stream, long seq, long generation, byte[] answer, String problemKind,
                      String problemMessage) {

    /** The problem the call broke with, or null. */
    public Problem problem() {
        return problemKind.isEmpty() ? null : new Problem(problemKind, problemMessage);
    }
}
