package dev.erg.samples.plugins;

import dev.erg.vat.Promise;
import java.util.List;

/**
 * The data a scoring plugin may see, and all it may do with it: read the ratings users gave
 * each item. There is no way to change a rating, or to reach anything else of the host.
 */
public interface Ratings {

    /** The items rated, sorted. */
    Promise<List<String>> items();

    /** The ratings given to {@code item}, from 1 to 5, in the order they were given; empty if none. */
    Promise<List<Long>> of(String item);
}
