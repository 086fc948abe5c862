package dev.erg.ocapn.syrup;

import dev.erg.vat.Problem;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.SpecVectors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code spec/vectors/ocapn/}: the JSON files, and the notation of their values, which
 * {@code spec/ocapn.md} describes.
 */
final class OcapnVectors {

    private static final HexFormat HEX = HexFormat.of();

    private OcapnVectors() {
    }

    /** The list under {@code key} of the JSON object in {@code spec/vectors/ocapn/<name>}. */
    static List<Map<String, Object>> vectors(String name, String key) {
        return SpecVectors.vectors("ocapn/" + name, key);
    }

    static byte[] hex(Map<String, Object> vector) {
        return HEX.parseHex((String) vector.get("hex"));
    }

    /** The limits a vector names, over the defaults. */
    @SuppressWarnings("unchecked")
    static WireLimits limits(Map<String, Object> vector) {
        WireLimits.Builder builder = WireLimits.builder();
        Map<String, Object> overrides = (Map<String, Object>) vector.getOrDefault("limits", Map.of());
        overrides.forEach((name, value) -> {
            int bound = Math.toIntExact((Long) value);
            switch (name) {
                case "maxFrameBytes" -> builder.maxFrameBytes(bound);
                case "maxDepth" -> builder.maxDepth(bound);
                case "maxCollectionLength" -> builder.maxCollectionLength(bound);
                case "maxStringBytes" -> builder.maxStringBytes(bound);
                case "maxBytesLength" -> builder.maxBytesLength(bound);
                case "maxTotalValues" -> builder.maxTotalValues(bound);
                case "maxBigIntegerBytes" -> builder.maxBigIntegerBytes(bound);
                default -> throw new IllegalStateException("unknown limit " + name);
            }
        });
        return builder.build();
    }

    /**
     * The bytes as the {@code syrup} field of a vector shows them: printable ASCII as it is, a
     * backslash doubled, other bytes as {@code \xNN}.
     */
    static String show(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte value : bytes) {
            int b = value & 0xff;
            if (b == '\\') {
                text.append("\\\\");
            } else if (b >= 0x20 && b < 0x7f) {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b));
            }
        }
        return text.toString();
    }

    /** A value of the generic Syrup notation: {@code {"int": "72"}}, {@code {"list": […]}}… */
    @SuppressWarnings("unchecked")
    static Object syrupValue(Object notation) {
        Map.Entry<String, Object> e = only((Map<String, Object>) notation);
        Object content = e.getValue();
        return switch (e.getKey()) {
            case "bool" -> content;
            case "int" -> integer((String) content);
            case "float64" -> float64((String) content);
            case "float32" -> (float) float64((String) content);
            case "bytes" -> Bytes.of(HEX.parseHex((String) content));
            case "string" -> content;
            case "symbol" -> new Symbol((String) content);
            case "list" -> ((List<Object>) content).stream().map(OcapnVectors::syrupValue).toList();
            case "dictionary" -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (Object pair : (List<Object>) content) {
                    List<Object> kv = (List<Object>) pair;
                    map.put(syrupValue(kv.get(0)), syrupValue(kv.get(1)));
                }
                yield map;
            }
            case "set" -> new LinkedHashSet<>(((List<Object>) content).stream().map(OcapnVectors::syrupValue).toList());
            case "record" -> {
                List<Object> items = ((List<Object>) content).stream().map(OcapnVectors::syrupValue).toList();
                yield new SyrupRecord(items.getFirst(), items.subList(1, items.size()));
            }
            default -> throw new IllegalStateException("unknown notation " + e.getKey());
        };
    }

    /** A value of the passable notation: {@code {"null": {}}}, {@code {"struct": […]}}… */
    @SuppressWarnings("unchecked")
    static Object passableValue(Object notation) {
        Map.Entry<String, Object> e = only((Map<String, Object>) notation);
        Object content = e.getValue();
        return switch (e.getKey()) {
            case "undefined" -> Undefined.INSTANCE;
            case "null" -> null;
            case "bool", "string" -> content;
            case "int" -> integer((String) content);
            case "float64" -> float64((String) content);
            case "bytes" -> HEX.parseHex((String) content);
            case "selector" -> new Symbol((String) content);
            case "list" -> {
                List<Object> items = new ArrayList<>();
                for (Object item : (List<Object>) content) {
                    items.add(passableValue(item));
                }
                yield items;
            }
            case "struct" -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Object pair : (List<Object>) content) {
                    List<Object> kv = (List<Object>) pair;
                    map.put((String) kv.get(0), passableValue(kv.get(1)));
                }
                yield map;
            }
            case "tagged" -> {
                List<Object> parts = (List<Object>) content;
                yield new Tagged((String) parts.get(0), passableValue(parts.get(1)));
            }
            case "error" -> {
                List<Object> parts = (List<Object>) content;
                yield new Problem((String) parts.get(0), (String) parts.get(1));
            }
            default -> throw new IllegalStateException("unknown notation " + e.getKey());
        };
    }

    private static Map.Entry<String, Object> only(Map<String, Object> notation) {
        if (notation.size() != 1) {
            throw new IllegalStateException("a value is an object of one member: " + notation);
        }
        return notation.entrySet().iterator().next();
    }

    private static Number integer(String digits) {
        BigInteger value = new BigInteger(digits);
        return value.bitLength() < Long.SIZE ? (Number) value.longValue() : value;
    }

    private static double float64(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
