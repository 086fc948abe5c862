package dev.erg.samples.orgs;

import dev.erg.vat.Passable;
import dev.erg.vat.Problem;

/**
 * One way a shop tried to come by money, and how it ended.
 *
 * @param what    what was tried, in words
 * @param refusal why the bank refused it, or null if it worked
 */
@Passable("erg.samples.orgs.Attempt")
public record Attempt(String what, Problem refusal) {

    @Override
    public String toString() {
        return what + ": " + (refusal == null ? "it worked" : "refused, " + refusal);
    }
}
