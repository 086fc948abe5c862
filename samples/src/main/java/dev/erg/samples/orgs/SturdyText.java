package dev.erg.samples.orgs;

import dev.erg.captp.SturdyRef;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;

/** Sturdy refs given as text by a caller, who is told plainly when one is malformed. */
final class SturdyText {

    private SturdyText() {
    }

    /**
     * The sturdy ref {@code text} spells.
     *
     * @throws ProblemException of kind {@code BadSturdyRef} if it spells none
     */
    static SturdyRef parse(String text) {
        try {
            return SturdyRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of("BadSturdyRef", "%s", e.getMessage()));
        }
    }
}
