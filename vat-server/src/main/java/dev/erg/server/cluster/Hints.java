package dev.erg.server.cluster;

import java.util.Arrays;
import java.util.List;

/** Location hints as the cluster's tables write them: {@code host:port} texts joined by commas. */
final class Hints {

    private static final int MAX_LENGTH = 255;

    private Hints() {
    }

    /** {@code hints} as one text. */
    static String join(List<String> hints) {
        if (hints.isEmpty()) {
            throw new IllegalArgumentException("at least one location hint is needed");
        }
        for (String hint : hints) {
            if (hint.isEmpty() || hint.length() > MAX_LENGTH || hint.chars().anyMatch(c -> c == ',' || c <= ' ' || c == 0x7f)) {
                throw new IllegalArgumentException("a location hint is host:port, 1 to " + MAX_LENGTH
                        + " characters without commas, spaces or control characters");
            }
        }
        return String.join(",", hints);
    }

    /** The hints of {@code text}. */
    static List<String> split(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }
}
