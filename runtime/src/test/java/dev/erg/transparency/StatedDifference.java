package dev.erg.transparency;

import java.util.List;

/**
 * A difference a scenario expects because it is inherent to a mode, such as a problem only a
 * network can cause: in {@code mode}, channel {@code channel} reads {@code lines} instead of
 * what the local run reads, because {@code why}. A line ending in {@code *} matches any line
 * starting with what precedes the star.
 */
public record StatedDifference(Mode mode, String channel, List<String> lines, String why) {

    public StatedDifference {
        lines = List.copyOf(lines);
    }

    /** Whether {@code actual} is what this difference says the channel reads. */
    public boolean matches(List<String> actual) {
        if (actual.size() != lines.size()) {
            return false;
        }
        for (int i = 0; i < lines.size(); i++) {
            String expected = lines.get(i);
            boolean ok = expected.endsWith("*")
                    ? actual.get(i).startsWith(expected.substring(0, expected.length() - 1))
                    : actual.get(i).equals(expected);
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
