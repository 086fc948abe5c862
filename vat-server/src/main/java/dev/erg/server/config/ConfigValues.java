package dev.erg.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the values of configuration lines are read: numbers, durations, choices, secrets; each throws saying what is accepted. */
final class ConfigValues {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?");
    private static final long MAX_SECRET_SIZE = 4096;

    private ConfigValues() {
    }

    static long longNumber(String value) {
        String digits = value.replace("_", "");
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("\"" + shown(value) + "\" is not a whole number (digits, perhaps"
                    + " grouped by _)");
        }
        return Long.parseLong(digits);
    }

    /** The text of a small file holding a secret, without its final line break. */
    static String secret(Path path) {
        try {
            if (Files.size(path) > MAX_SECRET_SIZE) {
                throw new IllegalArgumentException(path + " is larger than " + MAX_SECRET_SIZE + " bytes; is it the password?");
            }
            String text = Files.readString(path, StandardCharsets.UTF_8).stripTrailing();
            if (text.isEmpty()) {
                throw new IllegalArgumentException(path + " is empty");
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no file " + path);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage());
        }
    }

    static Duration duration(String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + shown(value) + "\" is not a duration such as 500ms, 2s or 1m");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
        if (d.isZero()) {
            throw new IllegalArgumentException("a duration of 0 is no rhythm; give one such as 500ms, 2s or 1m");
        }
        return d;
    }

    static double decimal(String value) {
        if (!DECIMAL.matcher(value).matches()) {
            throw new IllegalArgumentException("\"" + shown(value) + "\" is not a number such as 1 or 0.25");
        }
        return Double.parseDouble(value);
    }

    /** {@code value}, which must be one of {@code choices}. */
    static String choice(String value, List<String> choices) {
        if (!choices.contains(value)) {
            throw new IllegalArgumentException("expected one of " + String.join(", ", choices) + ", found \""
                    + shown(value) + "\"");
        }
        return value;
    }

    static int number(String value, int min, int max) {
        if (value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("\"" + shown(value) + "\" is not a number from " + min + " to " + max);
        }
        int n = Integer.parseInt(value);
        if (n < min || n > max) {
            throw new IllegalArgumentException(n + " is not a number from " + min + " to " + max);
        }
        return n;
    }
    /** Text from the file as an error message may show it: short, printable. */
    static String shown(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(40).forEach(c -> {
            if (c < ' ' || c == 0x7f || Character.getType(c) == Character.PRIVATE_USE || c == 0xfffd) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > 40 ? out + "…" : out.toString();
    }
}
