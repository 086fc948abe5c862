package dev.erg.bench.sessions;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in nanoseconds, counted in logarithmic buckets: each power of two is cut into
 * {@value #SUB_BUCKETS} buckets, so a percentile is read to within about 1.6%. Recording is
 * thread-safe and allocates nothing; histograms of several processes are merged through their
 * text form.
 */
public final class LatencyHistogram {

    private static final int SUB_BITS = 6;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;

    private final AtomicLongArray counts = new AtomicLongArray(64 * SUB_BUCKETS);

    /** Counts one latency of {@code nanos} (at least 1). */
    public void record(long nanos) {
        counts.incrementAndGet(index(Math.max(1, nanos)));
    }

    private static int index(long value) {
        int msb = 63 - Long.numberOfLeadingZeros(value);
        if (msb < SUB_BITS) {
            return (int) value;
        }
        int sub = (int) (value >>> (msb - SUB_BITS)) & (SUB_BUCKETS - 1);
        return (msb - SUB_BITS + 1) * SUB_BUCKETS + sub;
    }

    /** The smallest value that falls in bucket {@code index}. */
    private static long lowest(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int msb = index / SUB_BUCKETS + SUB_BITS - 1;
        long sub = index % SUB_BUCKETS;
        return (1L << msb) | (sub << (msb - SUB_BITS));
    }

    /** How many latencies were counted. */
    public long count() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The latency below which a fraction {@code q} of those counted fall, in nanoseconds (0 if none). */
    public long percentile(double q) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                // The middle of the bucket.
                return (lowest(i) + lowest(i + 1)) / 2;
            }
        }
        return lowest(counts.length() - 1);
    }

    /** The counts as one line of {@code index:count} pairs, for {@link #merge}. */
    String encode() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < counts.length(); i++) {
            long c = counts.get(i);
            if (c != 0) {
                text.append(text.isEmpty() ? "" : ",").append(i).append(':').append(c);
            }
        }
        return text.isEmpty() ? "-" : text.toString();
    }

    /** Adds the counts of {@code encoded}, made by {@link #encode}. */
    void merge(String encoded) {
        if (encoded.equals("-")) {
            return;
        }
        for (String pair : encoded.split(",")) {
            int colon = pair.indexOf(':');
            counts.addAndGet(Integer.parseInt(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1)));
        }
    }
}
