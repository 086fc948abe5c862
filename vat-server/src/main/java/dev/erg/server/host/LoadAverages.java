package dev.erg.server.host;

import java.util.HashMap;
import java.util.Map;

/**
 * Each vat's load averaged over the rounds of rebalancing, exponentially, so that a round acts
 * on what a vat has asked for over the last half minute or so rather than on the last few
 * seconds' noise: at a few turns per second, what hosts post swings by half from one heartbeat
 * to the next.
 */
final class LoadAverages {

    /** The weight of each round's posted load in the average: with a round every 5 s, a time constant of about 15 s. */
    static final double WEIGHT = 0.3;

    private final Map<String, Double> averages = new HashMap<>();

    /** Folds {@code posted}, vat by vat, into the averages, and answers them; vats not in it are forgotten. */
    Map<String, Double> fold(Map<String, Double> posted) {
        Map<String, Double> next = new HashMap<>();
        posted.forEach((vat, load) -> {
            Double before = averages.get(vat);
            next.put(vat, before == null ? load : before + WEIGHT * (load - before));
        });
        averages.clear();
        averages.putAll(next);
        return Map.copyOf(next);
    }
}
