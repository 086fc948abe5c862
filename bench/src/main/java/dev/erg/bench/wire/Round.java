package dev.erg.bench.wire;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What one system gave in one round.
 *
 * @param rttP50    median round trip, nanoseconds
 * @param rttP99    99th percentile round trip, nanoseconds
 * @param perSecond answers per second with {@value WireSystem#OUTSTANDING} outstanding
 * @param chainP50  median time of a {@value WireSystem#CHAIN}-call chain, nanoseconds
 */
record Round(double rttP50, double rttP99, double perSecond, double chainP50) {

    /**
     * Round trips and chains alternate in this many blocks: a chain's time is read against a
     * round trip's, and a machine whose speed drifts from one moment to the next then gives
     * both the same moments, where a chain measured seconds after the round trips could fall
     * in a slower or faster spell than they did.
     */
    static final int BLOCKS = 4;

    /** Measures {@code system} once: round trips and chains in alternating blocks, then throughput. */
    static Round measure(WireSystem system, WireOptions options) throws Exception {
        long[] rtt = new long[options.roundTrips()];
        long[] chains = new long[options.chains()];
        for (int block = 0; block < BLOCKS; block++) {
            measureBlock(rtt, block, count -> system.roundTrips(count, options.sender()));
            measureBlock(chains, block, count -> system.chains(count, options.sender()));
        }
        double perSecond = system.throughput(options.seconds(), options.sender());
        return new Round(percentile(rtt, 0.5), percentile(rtt, 0.99), perSecond, percentile(chains, 0.5));
    }

    /** Fills block {@code block} of {@code all}, one of {@link #BLOCKS} near-equal parts, with samples taken now. */
    private static void measureBlock(long[] all, int block, Samples samples) throws Exception {
        int from = (int) ((long) all.length * block / BLOCKS);
        int count = (int) ((long) all.length * (block + 1) / BLOCKS) - from;
        if (count > 0) {
            System.arraycopy(samples.take(count), 0, all, from, count);
        }
    }

    /** A system's samples of one kind, {@code count} of them. */
    @FunctionalInterface
    private interface Samples {
        long[] take(int count) throws Exception;
    }

    /** This round's median chain over its median round trip. */
    double chainPerRoundTrip() {
        return chainP50 / rttP50;
    }

    static double percentile(long[] samples, double q) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))];
    }

    /** The median over rounds of each figure. */
    static Round median(List<Round> rounds) {
        return new Round(median(rounds, Round::rttP50), median(rounds, Round::rttP99),
                median(rounds, Round::perSecond), median(rounds, Round::chainP50));
    }

    static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
        double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    static double min(List<Round> rounds, ToDoubleFunction<Round> figure) {
        return rounds.stream().mapToDouble(figure).min().orElseThrow();
    }

    static double max(List<Round> rounds, ToDoubleFunction<Round> figure) {
        return rounds.stream().mapToDouble(figure).max().orElseThrow();
    }
}
