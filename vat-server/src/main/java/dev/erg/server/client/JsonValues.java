package dev.erg.server.client;

import dev.erg.vat.Problem;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonValues() {
    }

    /**
     * The value of the JSON text {@code text}, typed as {@code type} says (a type name of a
     * description, or {@code "any"}).
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting more than a little of {@code text}
     */
    public static Object parse(String text, String type) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + shorten(e.getOriginalMessage())
                    + " (write a string as '\"text\"', a number as 5, a list as '[1,2]')");
        }
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("empty; give a JSON value such as 5, '\"text\"' or null");
        }
        return typed(node, type);
    }

    private static Object typed(JsonNode node, String type) {
        if (node.isNull()) {
            return null;
        }
        return switch (type) {
            case "integer" -> {
                if (!node.isIntegralNumber()) {
                    throw mismatch("an integer", node);
                }
                yield integer(node);
            }
            case "number" -> {
                if (!node.isNumber()) {
                    throw mismatch("a number", node);
                }
                yield node.doubleValue();
            }
            case "string" -> {
                if (!node.isString()) {
                    throw mismatch("a string", node);
                }
                yield node.stringValue();
            }
            case "boolean" -> {
                if (!node.isBoolean()) {
                    throw mismatch("true or false", node);
                }
                yield node.booleanValue();
            }
            case "bytes" -> {
                if (!node.isString()) {
                    throw mismatch("base64 text", node);
                }
                yield base64(node.stringValue());
            }
            case "list" -> {
                if (!node.isArray()) {
                    throw mismatch("a list", node);
                }
                yield natural(node, 0);
            }
            case "map" -> {
                if (!node.isObject()) {
                    throw mismatch("a map (a JSON object)", node);
                }
                yield natural(node, 0);
            }
            case "any" -> natural(node, 0);
            default -> throw new IllegalArgumentException("takes a " + type + ", which cannot be written in JSON");
        };
    }

    private static Object natural(JsonNode node, int depth) {
        if (depth > 64) {
            throw new IllegalArgumentException("nested deeper than 64");
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return integer(node);
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            for (JsonNode item : node.values()) {
                items.add(nonNull(natural(item, depth + 1), "a list"));
            }
            return List.copyOf(items);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            map.put(e.getKey(), nonNull(natural(e.getValue(), depth + 1), "a map"));
        }
        return Map.copyOf(map);
    }

    private static Object nonNull(Object value, String where) {
        if (value == null) {
            throw new IllegalArgumentException("null inside " + where + " cannot cross vats; leave the entry out");
        }
        return value;
    }

    private static Object integer(JsonNode node) {
        return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
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

    private static IllegalArgumentException mismatch(String expected, JsonNode found) {
        return new IllegalArgumentException("expected " + expected + ", got " + shorten(found.toString()));
    }

    /** {@code value}, an answer, as JSON text on one line. */
    public static String toJson(Object value) {
        return MAPPER.writeValueAsString(plain(value, 0));
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
