package dev.erg.bench.stream;

import java.util.Arrays;

/**
 * What the streams of one fairness run got: the items each stream's reader took while all
 * wrote at once, and the reading JVM's heap.
 *
 * @param items     items read per stream in the measured seconds, in slot order
 * @param seconds   how long the measured part lasted
 * @param heapIdle  the reading JVM's heap used after a full collection before the streams opened, bytes
 * @param heapBusy  the same with every stream open and writing, at the end of the measured part, bytes
 * @param writerHeap the writing JVM's heap used after a full collection, just after {@code heapBusy}, bytes
 * @param windows   the window, in items, each stream's reader granted at the end of the measured part
 */
record Fairness(long[] items, double seconds, long heapIdle, long heapBusy, long writerHeap, long[] windows) {

    long min() {
        return Arrays.stream(items).min().orElseThrow();
    }

    long max() {
        return Arrays.stream(items).max().orElseThrow();
    }

    long median() {
        return median(items);
    }

    /** The readers' windows, in items: least, median, most. */
    long[] windowRange() {
        return new long[] {Arrays.stream(windows).min().orElseThrow(), median(windows),
                Arrays.stream(windows).max().orElseThrow()};
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The most any stream got over the least; infinite if one got none. */
    double maxOverMin() {
        return min() == 0 ? Double.POSITIVE_INFINITY : (double) max() / min();
    }

    /** Items per second over all streams. */
    double perSecond() {
        return Arrays.stream(items).sum() / seconds;
    }
}
