package dev.erg.wire.codec;

import dev.erg.vat.Passable;
import dev.erg.vat.Problem;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.Descriptor.Certificate;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes application values: data, registered records and enums, problems, and references,
 * which it turns into descriptors through the {@link ReferenceEncoder}.
 *
 * <p>Map entries are written in the order of their keys' encoded bytes, as the deterministic
 * encoding requires: entries are encoded in the map's own order, then moved into place.
 */
final class ValueWriter {

    private static final String NO_REFERENCES_IN_KEYS = "no byte arrays or references in map keys";

    private final ItemWriter items;
    private final CborWriter out;
    private final WireLimits limits;
    private final PassableRegistry registry;
    private final ReferenceEncoder references;
    /**
     * How many maps enclose the value being written: a byte string inside one is copied in, as
     * the map's entries are moved once written, and one outside may be held by reference.
     */
    private int maps;

    ValueWriter(ItemWriter items, PassableRegistry registry, ReferenceEncoder references) {
        this.items = items;
        this.out = items.cbor();
        this.limits = items.limits();
        this.registry = registry;
        this.references = references;
    }

    /**
     * Writes any passable value.
     *
     * @param depth how many arrays and maps surround the value
     * @param key   whether the value is (inside) a map key, where byte arrays and references
     *              may not appear
     */
    void value(Object value, int depth, boolean key) {
        switch (value) {
            case null -> out.simple(Cbor.NULL);
            case String s -> out.text(s, limits.maxStringBytes());
            case Long n -> out.integer(n);
            case Integer n -> out.integer(n);
            case Boolean b -> out.simple(b ? Cbor.TRUE : Cbor.FALSE);
            case Double d -> out.floating(d);
            case byte[] bytes -> {
                if (key) {
                    throw PathFailure.notPassable("byte array in a map key", NO_REFERENCES_IN_KEYS);
                }
                out.bytes(bytes, limits.maxBytesLength(), maps == 0);
            }
            case List<?> list -> list(list, depth, key);
            case Map<?, ?> map -> map(map, depth, key);
            case Problem problem -> problem(problem, depth);
            case Record record -> record(record, depth, key);
            case Enum<?> constant -> enumConstant(constant, depth, key);
            case BigInteger n -> out.integer(n, limits.maxBigIntegerBytes());
            case BigDecimal d -> decimal(d, depth);
            case Short n -> out.integer(n);
            case Byte n -> out.integer(n);
            case Float f -> out.floating(f);
            case Character c -> out.text(String.valueOf(c), limits.maxStringBytes());
            case Optional<?> o -> value(o.orElse(null), depth, key);
            default -> reference(value, depth, key);
        }
    }

    /** Writes a list of any values at {@code depth}, as message arguments are. */
    void values(List<Object> values, int depth) {
        list(values, depth, false);
    }

    private void list(List<?> list, int depth, boolean key) {
        int length = list.size();
        items.checkLength("list", length);
        int inner = items.enter(depth);
        out.head(Cbor.ARRAY, length);
        int i = 0;
        for (Object item : list) {
            if (i == length) {
                throw PathFailure.notPassable("list that grew while being encoded", "an unchanging list");
            }
            try {
                value(item, inner, key);
            } catch (PathFailure f) {
                throw f.atIndex(i);
            }
            i++;
        }
        if (i != length) {
            throw PathFailure.notPassable("list that shrank while being encoded", "an unchanging list");
        }
    }

    private void map(Map<?, ?> map, int depth, boolean key) {
        int length = map.size();
        items.checkLength("map", length);
        int inner = items.enter(depth);
        out.head(Cbor.MAP, length);
        int base = out.size();
        // For entry i: where it starts, where its key ends, where it ends.
        int[] bounds = new int[3 * length];
        maps++;
        int i;
        try {
            i = entries(map, length, inner, key, bounds);
        } finally {
            maps--;
        }
        if (i != length) {
            throw PathFailure.notPassable("map that shrank while being encoded", "an unchanging map");
        }
        int[] order = EntryOrder.sort(out.array(), bounds, length);
        if (order != null) {
            EntryOrder.rewrite(out, base, bounds, order);
        }
    }

    /** Writes the entries of {@code map}, recording their bounds; returns how many there were. */
    private int entries(Map<?, ?> map, int length, int inner, boolean key, int[] bounds) {
        int i = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (i == length) {
                throw PathFailure.notPassable("map that grew while being encoded", "an unchanging map");
            }
            bounds[3 * i] = out.size();
            try {
                value(entry.getKey(), inner, true);
            } catch (PathFailure f) {
                throw f.at("{#" + i + " key}");
            }
            bounds[3 * i + 1] = out.size();
            try {
                value(entry.getValue(), inner, key);
            } catch (PathFailure f) {
                throw f.at("{#" + i + "}");
            }
            bounds[3 * i + 2] = out.size();
            i++;
        }
        return i;
    }

    private void problem(Problem problem, int depth) {
        items.enter(depth);
        out.head(Cbor.TAG, Tag.PROBLEM);
        out.head(Cbor.ARRAY, 2);
        items.text(problem.kind());
        items.text(problem.message());
    }

    private void decimal(BigDecimal d, int depth) {
        long exponent = -(long) d.scale();
        if (Math.abs(exponent) > Tag.MAX_DECIMAL_EXPONENT) {
            throw PathFailure.notPassable("decimal with exponent " + exponent,
                    "an exponent from -" + Tag.MAX_DECIMAL_EXPONENT + " to " + Tag.MAX_DECIMAL_EXPONENT);
        }
        items.enter(depth);
        out.head(Cbor.TAG, Tag.DECIMAL);
        out.head(Cbor.ARRAY, 2);
        out.integer(exponent);
        out.integer(d.unscaledValue(), limits.maxBigIntegerBytes());
    }

    private void record(Record record, int depth, boolean key) {
        RecordType type = Registries.recordType(registry, record.getClass());
        if (type == null) {
            notRegistered(record, record.getClass(), depth, key);
            return;
        }
        int inner = items.enter(depth);
        type.writePrefix(out);
        for (int i = 0; i < type.arity(); i++) {
            try {
                value(type.component(record, i), inner, key);
            } catch (PathFailure f) {
                throw f.at("." + type.componentName(i));
            }
        }
    }

    private void enumConstant(Enum<?> constant, int depth, boolean key) {
        EnumType type = Registries.enumType(registry, constant.getDeclaringClass());
        if (type == null) {
            notRegistered(constant, constant.getDeclaringClass(), depth, key);
            return;
        }
        items.enter(depth);
        type.write(constant, out);
    }

    private void notRegistered(Object value, Class<?> type, int depth, boolean key) {
        if (type.isAnnotationPresent(Passable.class)) {
            throw PathFailure.notPassable(type.getName() + ", which is @Passable but not registered",
                    "a registered type");
        }
        reference(value, depth, key);
    }

    /** Writes an object that is not data: a reference, if the {@link ReferenceEncoder} says so. */
    private void reference(Object value, int depth, boolean key) {
        if (value instanceof Number || value instanceof Collection || value instanceof CharSequence
                || value.getClass().isArray()) {
            throw PathFailure.notPassable(value.getClass().getName(), "a passable value");
        }
        if (key) {
            throw PathFailure.notPassable("reference in a map key", NO_REFERENCES_IN_KEYS);
        }
        Descriptor descriptor;
        try {
            descriptor = references.encode(value);
        } catch (NotPassableException e) {
            throw PathFailure.notPassable(e.getMessage(), null);
        }
        if (descriptor == null || descriptor instanceof Certificate) {
            throw PathFailure.notPassable(value.getClass().getName() + " described as " + descriptor,
                    "an import, export, answer or sig-envelope descriptor");
        }
        DescriptorWriter.write(items, descriptor, depth);
    }
}
