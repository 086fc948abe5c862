package com.example.scoring;

import dev.erg.confine.Endowments;
import dev.erg.confine.VatEntry;
import dev.erg.samples.plugins.Scorer;
import dev.erg.vat.Promise;
import java.util.List;

/**
 * A plugin that passes the verifier but never finishes a score: metering stops it, its vat is
 * terminated, and the host and the other plugins go on.
 */
public final class GreedyScorer implements VatEntry, Scorer {

    @Override
    public Object start(Endowments endowments, List<Object> args) {
        return this;
    }

    @Override
    public Promise<Long> score(String item) {
        long rounds = 0;
        while (item != null) {
            rounds++;
        }
        return Promise.of(rounds);
    }
}
