package dev.erg.samples.logship;

import dev.erg.vat.Passable;
import dev.erg.vat.Promise;

/** Audit Ltd.'s journal: a durable object that keeps the lines of a log streamed to it. */
public interface Journal {

    /**
     * What the journal holds.
     *
     * @param lines lines received
     * @param chain the SHA-256 chain of the lines, in hex: each link the hash of the one before
     *              (32 zero bytes at first) and the line
     * @param end   how the stream ended ({@code closed N: VALUE}), or empty while it goes on
     */
    @Passable("erg.samples.logship.JournalReport")
    record Report(long lines, String chain, String end) {
    }

    Promise<Report> report();
}
