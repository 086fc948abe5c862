package dev.erg.server.cli;

import dev.erg.captp.SturdyRef;
import dev.erg.server.config.SetupException;

/** Reads sturdy refs given on the command line. */
final class SturdyRefs {

    private SturdyRefs() {
    }

    /**
     * The sturdy ref {@code text}.
     *
     * @throws SetupException saying what is wrong, without the secret
     */
    static SturdyRef parse(String text) throws SetupException {
        try {
            return SturdyRef.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new SetupException(e.getMessage());
        }
    }
}
