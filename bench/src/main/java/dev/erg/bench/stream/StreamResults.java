package dev.erg.bench.stream;

import java.util.List;

/**
 * What one run of {@link StreamCompare} measured.
 *
 * @param options      what was asked for
 * @param raw          the bulk transfer over raw Netty TLS, bytes per second
 * @param bulk         the bulk transfer on an Erg stream, bytes per second, one per window of {@code options}
 * @param items        small items on one Erg stream, items per second
 * @param calls        Erg calls with 1,000 outstanding, answers per second
 * @param fairness     each measured round's fairness run
 * @param rawTransport what carried the raw transfer, from its connection
 * @param loadBefore   the load average when the run began
 * @param loadAfter    the load average when it ended
 */
record StreamResults(StreamOptions options, Measure raw, List<Measure> bulk, Measure items, Measure calls,
                     List<Fairness> fairness, String rawTransport, String loadBefore, String loadAfter) {
}
