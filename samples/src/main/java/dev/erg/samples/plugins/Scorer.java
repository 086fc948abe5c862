package dev.erg.samples.plugins;

import dev.erg.vat.Promise;

/** A scoring function: what the plugin host asks of every plugin uploaded to it. */
public interface Scorer {

    /** The score of {@code item}, in hundredths of a star (0 to 500). */
    Promise<Long> score(String item);
}
