package dev.erg.bench.durable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * The durable figures last recorded in {@code bench/RESULTS.md}, with the commit each was
 * measured at, read from the resource {@code recorded.properties} beside this class, so that a
 * run prints its figures against them and a drop shows at once. Each row is keyed
 * {@code <store>.<maxBatch>} or {@code <store>.<maxBatch>.captp} ({@code sqlite.256.captp}), with
 * {@code .turns} (durable turns/s, from the answers), {@code .single} (one call at a time, p50 in
 * µs), {@code .commit} and {@code .load} (the load average when measured).
 */
final class RecordedFigures {

    /** One recorded row. */
    record Recorded(double turns, double singleMicros, String commit, String load) {
    }

    private final Properties figures;

    private RecordedFigures(Properties figures) {
        this.figures = figures;
    }

    /** The figures this build carries; none if the resource is missing. */
    static RecordedFigures load() {
        Properties figures = new Properties();
        try (InputStream in = RecordedFigures.class.getResourceAsStream("recorded.properties")) {
            if (in != null) {
                figures.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recorded durable figures", e);
        }
        return new RecordedFigures(figures);
    }

    /** The figures recorded for {@code key}, if any. */
    Optional<Recorded> of(String key) {
        String turns = figures.getProperty(key + ".turns");
        if (turns == null) {
            return Optional.empty();
        }
        return Optional.of(new Recorded(Double.parseDouble(turns),
                Double.parseDouble(figures.getProperty(key + ".single", "NaN")),
                figures.getProperty(key + ".commit", "?"), figures.getProperty(key + ".load", "?")));
    }
}
