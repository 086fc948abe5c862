package dev.erg.samples.workers;

/**
 * Counts primes in a range with a segmented sieve of Eratosthenes: the primes up to the square
 * root of the range's end cross out their multiples one segment at a time, so memory stays
 * small however long the range.
 */
public final class PrimeSieve {

    private static final int SEGMENT = 1 << 18;

    private PrimeSieve() {
    }

    /**
     * The number of primes {@code p} with {@code from <= p < to}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= from <= to <= 2^40}
     */
    public static long count(long from, long to) {
        if (from < 0 || from > to || to > 1L << 40) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") (expected: 0 <= from <= to <= 2^40)");
        }
        int[] base = primesUpTo((int) Math.sqrt((double) to) + 1);
        boolean[] composite = new boolean[SEGMENT];
        long count = 0;
        for (long low = Math.max(from, 2); low < to; low += SEGMENT) {
            int length = (int) Math.min(SEGMENT, to - low);
            java.util.Arrays.fill(composite, 0, length, false);
            for (int p : base) {
                long square = (long) p * p;
                if (square >= low + length) {
                    break;
                }
                long first = Math.max(square, (low + p - 1) / p * p);
                for (long m = first; m < low + length; m += p) {
                    composite[(int) (m - low)] = true;
                }
            }
            for (int i = 0; i < length; i++) {
                if (!composite[i]) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The primes up to and including {@code limit}, by the plain sieve. */
    private static int[] primesUpTo(int limit) {
        boolean[] composite = new boolean[limit + 1];
        int found = 0;
        for (int n = 2; n <= limit; n++) {
            if (!composite[n]) {
                found++;
                for (long m = (long) n * n; m <= limit; m += n) {
                    composite[(int) m] = true;
                }
            }
        }
        int[] primes = new int[found];
        int next = 0;
        for (int n = 2; n <= limit; n++) {
            if (!composite[n]) {
                primes[next++] = n;
            }
        }
        return primes;
    }
}
