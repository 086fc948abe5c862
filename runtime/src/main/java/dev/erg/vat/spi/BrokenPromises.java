package dev.erg.vat.spi;

import dev.erg.vat.Problem;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Promises broken in this JVM, counted by {@link Problem#kind()}, for metrics. A promise is
 * counted once, where it breaks by a problem given to it (a resolver's reject, a turn that
 * threw, a message sent to a broken promise, a session lost); a promise that merely follows
 * another, as one resolved to a broken promise does, is not counted again.
 *
 * <p>Kinds are open and a peer may name its own, so at most {@value #MAX_KINDS} kinds are
 * counted apart; the rest are counted together under {@value #OTHER}. Counting costs a map
 * lookup and an addition, on breaking only.
 */
public final class BrokenPromises {

    /** The most kinds counted apart. */
    public static final int MAX_KINDS = 64;
    /** The kind under which the kinds past the first {@value #MAX_KINDS} are counted. */
    public static final String OTHER = "other";

    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    private BrokenPromises() {
    }

    /** Counts one promise broken by {@code problem}. */
    public static void count(Problem problem) {
        LongAdder counter = COUNTS.get(problem.kind());
        if (counter == null) {
            // Racing first counts of new kinds may let the map grow a few past the limit; it stays bounded.
            String kind = COUNTS.size() < MAX_KINDS ? problem.kind() : OTHER;
            counter = COUNTS.computeIfAbsent(kind, k -> new LongAdder());
        }
        counter.increment();
    }

    /** The counts so far, by kind, sorted by kind. */
    public static Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        COUNTS.forEach((kind, counter) -> counts.put(kind, counter.sum()));
        return counts;
    }
}
