package dev.erg.server.durable;

import dev.erg.server.durable.flows.OutFlow;
import dev.erg.vat.Problem;

/**
 * The code of a durable stream's writing end, an object of kind {@link #KIND} that no sturdy
 * ref designates: it counts the receipts of the stream's letters, which come to it as to the
 * sender of any letter.
 */
interface Outlet {

    /** Writing ends, bound in every durable host. */
    Kind<OutFlow, Outlet> KIND = new Kind<>("erg.stream.out", OutFlow.class, Outlet.class, OutletCode::new);

    /** The method of the letter that opens a stream, sent to the receiving object. */
    String OPEN = "erg.stream.open";

    /**
     * Counts the receipt of {@code letter}, one of the stream's, in a turn of this end's own,
     * and answers what to tell the writer, if anything: kept apart so that a writer whose code
     * throws cannot undo the count.
     */
    Notice acknowledged(OutLetter letter, Receipt receipt);

    /**
     * What a writing end tells its writer's {@link StreamSource}.
     *
     * @param owner    the writer's id
     * @param stream   the stream's number
     * @param consumed items the receiver has consumed
     * @param ended    whether the stream is over ({@link StreamSource#ended}) or has room
     * @param problem  why it broke, or null
     */
    record Notice(long owner, long stream, long consumed, boolean ended, Problem problem) {

        void tell(StreamSource source) {
            if (ended) {
                source.ended(stream, consumed, problem);
            } else {
                source.room(stream, consumed);
            }
        }
    }
}
