package dev.erg.samples.plugins;

import dev.erg.vat.Promise;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link Ratings} held in memory, fixed once made. */
final class RatingsTable implements Ratings {

    private final Map<String, List<Long>> ratings;

    RatingsTable(Map<String, List<Long>> ratings) {
        this.ratings = new TreeMap<>(ratings);
    }

    @Override
    public Promise<List<String>> items() {
        return Promise.of(List.copyOf(ratings.keySet()));
    }

    @Override
    public Promise<List<Long>> of(String item) {
        return Promise.of(ratings.getOrDefault(item, List.of()));
    }
}
