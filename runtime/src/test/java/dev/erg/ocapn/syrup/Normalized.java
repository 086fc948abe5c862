package dev.erg.ocapn.syrup;

import dev.erg.wire.codec.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decoded values in a form that {@code equals} compares: byte arrays by content, and maps and
 * sets with their order ({@link #of}) or without ({@link #unordered}).
 */
final class Normalized {

    private Normalized() {
    }

    record OrderedMap(List<List<Object>> entries) {
    }

    record OrderedSet(List<Object> items) {
    }

    static Object of(Object value) {
        return switch (value) {
            case null -> null;
            case byte[] b -> Bytes.of(b);
            case List<?> list -> list(list);
            case Map<?, ?> map -> {
                List<List<Object>> entries = new ArrayList<>();
                map.forEach((k, v) -> {
                    List<Object> entry = new ArrayList<>();
                    entry.add(of(k));
                    entry.add(of(v));
                    entries.add(entry);
                });
                yield new OrderedMap(entries);
            }
            case Set<?> set -> {
                List<Object> items = new ArrayList<>();
                set.forEach(item -> items.add(of(item)));
                yield new OrderedSet(items);
            }
            case Tagged t -> new Tagged(t.tag(), of(t.value()));
            case SyrupRecord r -> new SyrupRecord(of(r.label()), list(r.fields()));
            default -> value;
        };
    }

    /** The value with byte arrays compared by content, maps and sets in any order. */
    static Object unordered(Object value) {
        return switch (value) {
            case null -> null;
            case byte[] b -> Bytes.of(b);
            case List<?> list -> list.stream().map(item -> Optional.ofNullable(unordered(item))).toList();
            case Map<?, ?> map -> {
                Map<Object, Optional<Object>> copy = new HashMap<>();
                map.forEach((k, v) -> copy.put(unordered(k), Optional.ofNullable(unordered(v))));
                yield copy;
            }
            case Tagged t -> new Tagged(t.tag(), unordered(t.value()));
            default -> value;
        };
    }

    private static List<Object> list(List<?> list) {
        List<Object> items = new ArrayList<>();
        list.forEach(item -> items.add(of(item)));
        return items;
    }
}
