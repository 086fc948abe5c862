package dev.erg.ocapn.syrup;

import dev.erg.wire.codec.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decoded values in a form that {@code equals} compares completely: byte arrays by content,
 * maps and sets with their order.
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
            case List<?> list -> {
                List<Object> items = new ArrayList<>();
                list.forEach(item -> items.add(of(item)));
                yield items;
            }
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
            case SyrupRecord r -> new SyrupRecord(of(r.label()), (List<Object>) of(r.fields()));
            default -> value;
        };
    }
}
