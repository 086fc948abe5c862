package dev.erg.samples.workers;

import dev.erg.vat.Passable;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbers {@code n} with {@code from <= n < to}: one piece of the work.
 *
 * @param from the first number
 * @param to   the number after the last
 */
@Passable("erg.samples.workers.Range")
public record Range(long from, long to) {

    public Range {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") (expected: 0 <= from <= to)");
        }
    }

    /** {@code [0, end)} cut into {@code parts} ranges of nearly equal length, in order. */
    public static List<Range> split(long end, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts: " + parts + " (expected: >= 1)");
        }
        List<Range> ranges = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            ranges.add(new Range(Math.multiplyExact(end, i) / parts, Math.multiplyExact(end, i + 1) / parts));
        }
        return List.copyOf(ranges);
    }

    @Override
    public String toString() {
        return String.format("[%,d, %,d)", from, to);
    }
}
