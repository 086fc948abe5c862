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

    /** Measures {@code system} once: round trips, then throughput, then chains. */
    static Round measure(WireSystem system, WireOptions options) throws Exception {
        long[] rtt = system.roundTrips(options.roundTrips(), options.sender());
        double perSecond = system.throughput(options.seconds(), options.sender());
        long[] chains = system.chains(options.chains(), options.sender());
        return new Round(percentile(rtt, 0.5), percentile(rtt, 0.99), perSecond, percentile(chains, 0.5));
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
