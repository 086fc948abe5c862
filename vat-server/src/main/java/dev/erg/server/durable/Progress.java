package dev.erg.server.durable;

import dev.erg.vat.Passable;

/**
 * How far a vat's durable store has come, as its {@link Mailbox} tells anyone who asks: a
 * client that remembers the highest it has seen notices a vat that comes back behind it, such
 * as a lone vat restored from a backup that has lost turns it had acknowledged.
 *
 * @param vat         the vat's id
 * @param generation  how many times its store has been started
 * @param incarnation the random number of this start (see {@link Letter#senderIncarnation()})
 * @param turns       the turns (calls, letters and receipts taken in) its store has committed, ever;
 *                    a turn is acknowledged only once committed, so this is at least every one acknowledged
 */
@Passable("erg.durable.Progress")
public record Progress(String vat, long generation, String incarnation, long turns) {
}
