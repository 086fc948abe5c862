package dev.erg.server;

import dev.erg.vat.Promise;

/** A test service whose every turn makes two changes that must both be seen: see {@link JournalMaker}. */
public interface Journal {

    /** Writes "begin n", works a little, writes "end n"; answers n. */
    Promise<Long> record();
}
