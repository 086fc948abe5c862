package dev.erg.samples.auction;

import dev.erg.vat.Passable;

/**
 * How an auction ended.
 *
 * @param item   what was sold
 * @param winner who bought it, or null if it was not sold
 * @param price  what the winner pays, or 0 if it was not sold
 */
@Passable("erg.samples.auction.Outcome")
public record Outcome(String item, String winner, long price) {

    /** Whether the item was sold. */
    public boolean sold() {
        return winner != null;
    }

    @Override
    public String toString() {
        return sold() ? "the " + item + " goes to " + winner + " for " + price : "the " + item + " is not sold";
    }
}
