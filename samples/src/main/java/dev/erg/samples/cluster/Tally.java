package dev.erg.samples.cluster;

import dev.erg.vat.Promise;

/**
 * One share of a sum, kept durably by a placed vat: parts of the sum of squares, each added
 * once however often it is sent.
 */
public interface Tally {

    /**
     * Adds the squares of {@code from} up to {@code to}, not included, as the part called
     * {@code part}, unless a part of that name was added already: a part sent again after its
     * answer was lost changes nothing. Answers the number of parts held.
     */
    Promise<Integer> add(String part, long from, long to);

    /** The sum of the parts held. */
    Promise<Long> total();

    /** The number of parts held. */
    Promise<Integer> parts();
}
