package dev.erg.server.placement;

import java.util.Arrays;

/**
 * The latency of every turn in a run as a weighted mixture of shifted exponentials: a batch of
 * {@code weight} turns that waited {@code shift} seconds and then an exponential time with rate
 * {@code rate}, as a turn does in an M/M/1 queue. Quantiles are found by bisection on the
 * mixture's distribution, so no turn is sampled one by one.
 */
final class LatencyMixture {

    private double[] weight = new double[1024];
    private double[] shift = new double[1024];
    private double[] rate = new double[1024];
    private int size;
    private double total;

    void add(double turns, double waited, double perSecond) {
        if (turns <= 0) {
            return;
        }
        if (size == weight.length) {
            weight = Arrays.copyOf(weight, size * 2);
            shift = Arrays.copyOf(shift, size * 2);
            rate = Arrays.copyOf(rate, size * 2);
        }
        weight[size] = turns;
        shift[size] = waited;
        rate[size] = perSecond;
        size++;
        total += turns;
    }

    double turns() {
        return total;
    }

    /** The latency, in seconds, that a share {@code q} of turns did not exceed; 0 with no turns. */
    double quantile(double q) {
        if (total == 0) {
            return 0;
        }
        double low = 0;
        double high = 1;
        while (beyond(high) > (1 - q) * total) {
            high *= 2;
        }
        for (int i = 0; i < 60; i++) {
            double mid = (low + high) / 2;
            if (beyond(mid) > (1 - q) * total) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    /** How many turns took longer than {@code t}. */
    private double beyond(double t) {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += t < shift[i] ? weight[i] : weight[i] * Math.exp(-rate[i] * (t - shift[i]));
        }
        return sum;
    }
}
