package dev.erg.bench.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** One rate measured once in every round: its name, how it is taken, and what the measured rounds gave. */
final class Measure {

    private final String name;
    private final Callable<Double> take;
    private final List<Double> rounds = new ArrayList<>();

    Measure(String name, Callable<Double> take) {
        this.name = name;
        this.take = take;
    }

    String name() {
        return name;
    }

    /** Takes the measure once; keeps the figure if {@code kept} (a measured round, not a warm-up). */
    double take(boolean kept) throws Exception {
        double figure = take.call();
        if (kept) {
            rounds.add(figure);
        }
        return figure;
    }

    List<Double> rounds() {
        return rounds;
    }

    double median() {
        return Stats.median(rounds);
    }

    double min() {
        return rounds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    double max() {
        return rounds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
