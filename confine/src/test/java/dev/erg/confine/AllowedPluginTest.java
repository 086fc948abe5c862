package dev.erg.confine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A realistic plugin, written the way an author would, passes the verifier untouched. */
class AllowedPluginTest {

    private static final String SHAPES = """
            package plugin;

            public sealed interface Shape permits Circle, Rect, Unit {}
            """;
    private static final String CIRCLE = """
            package plugin;

            public record Circle(double radius) implements Shape {}
            """;
    private static final String RECT = """
            package plugin;

            public record Rect(double width, double height) implements Shape {
                public Rect {
                    if (width < 0 || height < 0) {
                        throw new IllegalArgumentException("negative side: " + width + " x " + height);
                    }
                }
            }
            """;
    private static final String UNIT = """
            package plugin;

            public enum Unit implements Shape { POINT, EMPTY }
            """;
    private static final String LEVEL = """
            package plugin;

            public enum Level {
                LOW(1), HIGH(10);

                private final int weight;

                Level(int weight) {
                    this.weight = weight;
                }

                public int weight() {
                    return weight;
                }
            }
            """;
    private static final String SCORER = """
            package plugin;

            import dev.erg.confine.Endowments;
            import dev.erg.vat.Promise;
            import dev.erg.vat.Problem;
            import java.math.BigInteger;
            import java.time.Duration;
            import java.util.ArrayList;
            import java.util.Comparator;
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            import java.util.TreeMap;
            import java.util.function.Function;
            import java.util.stream.Collectors;

            public final class Scorer {
                static final int LIMIT = 100;
                static final String NAME = "scorer";
                static final Level DEFAULT = Level.LOW;
                static final BigInteger BIG = BigInteger.TEN.pow(3);

                private final Map<String, Integer> scores = new HashMap<>();
                private final List<String> log = new ArrayList<>();
                private final Endowments endowments;

                public Scorer(Endowments endowments) {
                    this.endowments = endowments;
                }

                public static double area(Shape shape) {
                    return switch (shape) {
                        case Circle c when c.radius() == 0 -> 0;
                        case Circle(double r) -> Math.PI * r * r;
                        case Rect(var w, var h) -> w * h;
                        case Unit.POINT -> 0;
                        case Unit.EMPTY -> -1;
                    };
                }

                public static int weight(Level level) {
                    switch (level) {
                        case LOW:
                            return 1;
                        default:
                            return level.weight();
                    }
                }

                public static String describe(Object o) {
                    return switch (o) {
                        case Integer i when i > 10 -> "big " + i;
                        case Integer i -> "small " + i;
                        case String s -> s.toUpperCase(java.util.Locale.ROOT);
                        default -> String.valueOf(o);
                    };
                }

                public Promise<Integer> add(String who, int points) {
                    int threshold = LIMIT;
                    scores.merge(who, points, Integer::sum);
                    log.add(who + ":" + points);
                    if (points > threshold) {
                        endowments.log("large score for " + who);
                    }
                    return Promise.of(scores.get(who));
                }

                public Map<Level, List<String>> byLevel() {
                    Function<Map.Entry<String, Integer>, Level> level = e -> e.getValue() > 5 ? Level.HIGH : Level.LOW;
                    return scores.entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .collect(Collectors.groupingBy(level, TreeMap::new,
                                    Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
                }

                public Optional<String> best() {
                    return scores.entrySet().stream().max(Comparator.comparing(Map.Entry::getValue)).map(Map.Entry::getKey);
                }

                public Promise<String> later() {
                    return endowments.timer().after(Duration.ofMillis(10))
                            .then(ignored -> "ran " + log.size() + " of " + NAME)
                            .otherwise(problem -> problem.message());
                }

                public String closing(AutoCloseable resource) throws Exception {
                    try (resource) {
                        return summary();
                    }
                }

                public String summary() {
                    StringBuilder text = new StringBuilder();
                    for (var entry : new TreeMap<>(scores).entrySet()) {
                        text.append(entry.getKey()).append('=').append(entry.getValue()).append(' ');
                    }
                    try {
                        return text.toString().strip();
                    } finally {
                        log.clear();
                    }
                }

                public int parse(String number) {
                    try {
                        return Integer.parseInt(number);
                    } catch (NumberFormatException e) {
                        throw new IllegalStateException(Problem.of("bad-number", "not a number: %s", number).toString(), e);
                    }
                }

                public String names() {
                    return String.join(",", List.of(Level.values()).stream().map(Level::name).toList())
                            + String.valueOf(Unit.valueOf("POINT")) + BIG + DEFAULT;
                }
            }
            """;

    private static final String TOKENS = """
            package plugin;

            import java.util.ArrayList;
            import java.util.Iterator;
            import java.util.List;
            import java.util.NoSuchElementException;

            /** A tokenizer: an Iterable of its own, a string switch, an anonymous class, varargs, an assert. */
            public final class Tokens implements Iterable<String> {
                private final String text;

                public Tokens(String text) {
                    assert text != null : "no text";
                    this.text = text;
                }

                public static int kind(String token) {
                    return switch (token) {
                        case "+", "-" -> 1;
                        case "*" -> 2;
                        default -> token.chars().allMatch(Character::isDigit) ? 0 : -1;
                    };
                }

                @SafeVarargs
                public static <T> List<T> listOf(T... items) {
                    List<T> list = new ArrayList<>(items.length);
                    for (T item : items) {
                        list.add(item);
                    }
                    return list;
                }

                @Override
                public Iterator<String> iterator() {
                    return new Iterator<>() {
                        private int at;

                        @Override
                        public boolean hasNext() {
                            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                                at++;
                            }
                            return at < text.length();
                        }

                        @Override
                        public String next() {
                            if (!hasNext()) {
                                throw new NoSuchElementException("no more tokens in " + text.length() + " chars");
                            }
                            int start = at;
                            outer:
                            while (at < text.length()) {
                                char c = text.charAt(at);
                                switch (c) {
                                    case ' ':
                                        break outer;
                                    default:
                                        at++;
                                }
                            }
                            return text.substring(start, Math.max(start + 1, at));
                        }
                    };
                }

                public Object[] sortedCopy() {
                    Object[] tokens = listOf(text.strip(), text, "+").toArray();
                    java.util.Arrays.sort(tokens);
                    return tokens.clone();
                }
            }
            """;

    @Test
    void aRealisticPluginHasNoViolations() {
        Bundle bundle = SourceBundles.bundle(SHAPES, CIRCLE, RECT, UNIT, LEVEL, SCORER, TOKENS);

        assertThat(Verifier.standard().check(bundle)).isEmpty();
    }
}
