package dev.erg.transparency;

import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Text for observed values that names their Java types, so that an {@code Integer} arriving as
 * a {@code Long}, or a {@code Map} in another order, shows as a difference and nothing else
 * does: map entries are sorted by their text, strings and characters are escaped.
 */
public final class Describe {

    private Describe() {
    }

    /** {@code "broken <kind>: <message>"}. */
    public static String problem(Problem problem) {
        return "broken " + problem.kind() + ": " + problem.message();
    }

    /** The value's type and contents, e.g. {@code Integer 6} or {@code List [String "a"]}. */
    public static String value(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "String \"" + escape(s) + "\"";
            case Character c -> "Character '" + escape(String.valueOf(c)) + "'";
            case byte[] bytes -> "byte[] " + Arrays.toString(bytes);
            case Number n -> n.getClass().getSimpleName() + " " + n;
            case Boolean b -> "Boolean " + b;
            case Enum<?> e -> e.getDeclaringClass().getSimpleName() + "." + e.name();
            case Problem p -> "Problem " + p.kind() + ": " + p.message();
            case Record r -> record(r);
            case List<?> list -> "List " + list.stream().map(Describe::value).collect(Collectors.joining(", ", "[", "]"));
            case Map<?, ?> map -> "Map " + map.entrySet().stream()
                    .map(e -> value(e.getKey()) + "=" + value(e.getValue()))
                    .sorted()
                    .collect(Collectors.joining(", ", "{", "}"));
            case Promise<?> p -> "promise " + Ref.kind(p);
            case Proxy p -> "reference " + Ref.kind(p);
            default -> "near " + value.getClass().getSimpleName();
        };
    }

    private static String record(Record r) {
        StringBuilder text = new StringBuilder(r.getClass().getSimpleName()).append('(');
        RecordComponent[] components = r.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            try {
                var accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                text.append(components[i].getName()).append('=').append(value(accessor.invoke(r)));
            } catch (ReflectiveOperationException e) {
                text.append(components[i].getName()).append("=<unreadable: ").append(e).append('>');
            }
        }
        return text.append(')').toString();
    }

    private static String escape(String s) {
        StringBuilder text = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                text.append(c);
            } else {
                text.append(String.format("\\u%04x", (int) c));
            }
        }
        return text.toString();
    }
}
