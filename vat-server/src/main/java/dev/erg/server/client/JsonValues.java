package dev.erg.server.client;

import dev.erg.vat.Problem;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Converts between JSON and the values that cross vats. JSON arguments become: integers
 * {@code Long} (or {@code BigInteger} beyond 64 bits), other numbers {@code Double}, strings,
 * booleans, {@code null}, arrays immutable lists and objects immutable maps; where a method's
 * {@linkplain dev.erg.server.spi.Describable description} gives a parameter's type, the value must fit it, and a
 * {@code bytes} parameter takes base64 text. Answers become JSON the same way back, byte
 * arrays as base64, problems as {@code {"kind": ..., "message": ...}}, records as objects of
 * their components, and references as {@code {"reference": "<what>"}}.
 *
 * @see dev.erg.server.spi.Describable
 */
public final class JsonValues {

    /*
     * Jackson's streaming parser and generator, not its ObjectMapper: a mapper loads some 350
     * classes a command-line call has no other use for, and values here are only JSON's own.
     */
    private static final JsonFactory JSON = new JsonFactory();

    private JsonValues() {
    }

    /**
     * The value of the JSON text {@code text}, typed as {@code type} says (a type name of a
     * description, or {@code "any"}).
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting more than a little of {@code text}
     */
    public static Object parse(String text, String type) {
        Object value;
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("empty; give a JSON value such as 5, '\"text\"' or null");
            }
            value = read(parser, first, 0);
            if (parser.nextToken() != null) {
                throw notJson("more than one value");
            }
        } catch (JacksonException e) {
            throw notJson(e.getOriginalMessage());
        }
        return value == null ? null : frozen(typed(value, type));
    }

    private static IllegalArgumentException notJson(String why) {
        return new IllegalArgumentException("not JSON: " + shorten(why)
                + " (write a string as '\"text\"', a number as 5, a list as '[1,2]')");
    }

    /** The value starting at {@code token}: lists and maps as mutable ones, which may hold nulls until {@link #frozen}. */
    private static Object read(JsonParser parser, JsonToken token, int depth) {
        if (depth > 64) {
            throw new IllegalArgumentException("nested deeper than 64");
        }
        if (token == null) {
            throw notJson("it ends too soon");
        }
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue()
                    : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    items.add(read(parser, next, depth + 1));
                }
                yield items;
            }
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next == JsonToken.PROPERTY_NAME; next = parser.nextToken()) {
                    String name = parser.currentName();
                    map.put(name, read(parser, parser.nextToken(), depth + 1));
                }
                yield map;
            }
            default -> throw notJson("unexpected " + token);
        };
    }

    private static Object typed(Object value, String type) {
        return switch (type) {
            case "integer" -> {
                if (!(value instanceof Long) && !(value instanceof BigInteger)) {
                    throw mismatch("an integer", value);
                }
                yield value;
            }
            case "number" -> {
                if (!(value instanceof Number number)) {
                    throw mismatch("a number", value);
                }
                yield number.doubleValue();
            }
            case "string" -> {
                if (!(value instanceof String)) {
                    throw mismatch("a string", value);
                }
                yield value;
            }
            case "boolean" -> {
                if (!(value instanceof Boolean)) {
                    throw mismatch("true or false", value);
                }
                yield value;
            }
            case "bytes" -> {
                if (!(value instanceof String text)) {
                    throw mismatch("base64 text", value);
                }
                yield base64(text);
            }
            case "list" -> {
                if (!(value instanceof List)) {
                    throw mismatch("a list", value);
                }
                yield value;
            }
            case "map" -> {
                if (!(value instanceof Map)) {
                    throw mismatch("a map (a JSON object)", value);
                }
                yield value;
            }
            case "any" -> value;
            default -> throw new IllegalArgumentException("takes a " + type + ", which cannot be written in JSON");
        };
    }

    /** {@code value} with its lists and maps made immutable, refusing the nulls they cannot carry. */
    private static Object frozen(Object value) {
        return switch (value) {
            case List<?> list -> List.copyOf(list.stream().map(item -> nonNull(frozen(item), "a list")).toList());
            case Map<?, ?> map -> {
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(k, nonNull(frozen(v), "a map")));
                yield Map.copyOf(copy);
            }
            case null -> null;
            default -> value;
        };
    }

    private static Object nonNull(Object value, String where) {
        if (value == null) {
            throw new IllegalArgumentException("null inside " + where + " cannot cross vats; leave the entry out");
        }
        return value;
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException again) {
                throw new IllegalArgumentException("expected base64 text: " + e.getMessage());
            }
        }
    }

    private static IllegalArgumentException mismatch(String expected, Object found) {
        return new IllegalArgumentException("expected " + expected + ", got " + shorten(write(found)));
    }

    /** {@code value}, an answer, as JSON text on one line. */
    public static String toJson(Object value) {
        return write(plain(value, 0));
    }

    /** {@code value}, made only of JSON's own values, as JSON text on one line. */
    private static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            write(generator, value);
        }
        return out.toString();
    }

    private static void write(JsonGenerator generator, Object value) {
        switch (value) {
            case null -> generator.writeNull();
            case String s -> generator.writeString(s);
            case Boolean b -> generator.writeBoolean(b);
            case BigInteger n -> generator.writeNumber(n);
            case Double n -> generator.writeNumber(n);
            case Float n -> generator.writeNumber(n);
            case Number n -> generator.writeNumber(n.longValue());
            case List<?> list -> {
                generator.writeStartArray();
                for (Object item : list) {
                    write(generator, item);
                }
                generator.writeEndArray();
            }
            case Map<?, ?> map -> {
                generator.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    generator.writeName(String.valueOf(e.getKey()));
                    write(generator, e.getValue());
                }
                generator.writeEndObject();
            }
            default -> generator.writeString(String.valueOf(value));
        }
    }

    private static Object plain(Object value, int depth) {
        if (depth > 64) {
            return "…";
        }
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Number n when n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                    || n instanceof BigInteger || n instanceof Double || n instanceof Float -> n;
            case Boolean b -> b;
            case Character c -> String.valueOf(c);
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case Problem p -> Map.of("kind", p.kind(), "message", p.message());
            case List<?> list -> list.stream().map(item -> plain(item, depth + 1)).toList();
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(plain(k, depth + 1)), plain(v, depth + 1)));
                yield out;
            }
            case Enum<?> e -> e.name();
            case Record r when Ref.kind(r) == RefKind.NEAR -> record(r, depth);
            default -> Map.of("reference", String.valueOf(value));
        };
    }

    private static Map<String, Object> record(Record record, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            try {
                out.put(c.getName(), plain(c.getAccessor().invoke(record), depth + 1));
            } catch (ReflectiveOperationException e) {
                out.put(c.getName(), "unreadable: " + e.getMessage());
            }
        }
        return out;
    }

    private static String shorten(String text) {
        String one = text == null ? "" : text.replaceAll("\\s+", " ");
        return one.length() > 60 ? one.substring(0, 60) + "…" : one;
    }
}
