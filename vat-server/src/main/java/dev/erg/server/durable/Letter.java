package dev.erg.server.durable;

import dev.erg.vat.Passable;

/**
 * One message of a durable stream, as it travels to the receiving vat's {@link Mailbox}.
 *
 * <p>A stream runs from one sending vat to one receiving vat; its id is a random secret the
 * sender chose, so only the sender can add to it or read its receipts. Letters carry
 * consecutive sequence numbers from 1, and the generations and counts that let each side
 * notice that the other was restored from an old copy.
 *
 * @param stream             the stream's id: 32 lower-case hex digits
 * @param from               the sending vat's id, for reports
 * @param senderGeneration   how many times the sender has started with its store
 * @param senderIncarnation  a random number the sender drew at this start and committed to its
 *                           store, 32 lower-case hex digits: two starts never share one, so a copy
 *                           restored from a backup differs from the start it repeats even where
 *                           its generation and its letters are the same
 * @param receiverGeneration the highest generation of the receiver the sender has had a receipt from; 0 at first
 * @param seq                this letter's number in the stream, from 1
 * @param ackedThrough       the sender has stored the receipts of every letter up to this one
 * @param swiss              the swiss number of the target object, in its text form
 * @param method             the method to call
 * @param args               the arguments, encoded as by {@link StateCodec}: a CBOR array
 */
@Passable("erg.durable.Letter")
public record Letter(String stream, String from, long senderGeneration, String senderIncarnation,
                     long receiverGeneration, long seq,
                     long ackedThrough, String swiss, String method, byte[] args) {
}
