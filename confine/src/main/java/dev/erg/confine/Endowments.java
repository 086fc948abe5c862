package dev.erg.confine;

import dev.erg.vat.Timer;
import java.util.random.RandomGenerator;

/**
 * The ambient powers a confined vat is handed instead of reaching for them: a clock, a source
 * of randomness, a log and a small store. Under a deterministic scheduler the clock is virtual and the
 * randomness seeded, so a confined vat runs deterministically.
 */
public interface Endowments {

    /** The vat's clock and timers. */
    Timer timer();

    /** The vat's randomness; not for secrets. */
    RandomGenerator random();

    /**
     * Writes a line to the host's log under the vat's name. Lines are truncated and their rate
     * limited, so a vat cannot flood the host's log.
     */
    void log(String line);

    /**
     * The vat's key-value store, within its quota of bytes: the one the host handed in, or a
     * new one in memory with the quota of the vat's {@link Limits#storageBytes()}. Its calls
     * are charged to the vat's computrons.
     */
    Storage storage();
}
