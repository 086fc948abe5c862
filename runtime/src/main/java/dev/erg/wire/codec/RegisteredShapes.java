package dev.erg.wire.codec;

import dev.erg.vat.spi.Refs;
import dev.erg.wire.PassableRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A registry's records and enums for a wire that carries them in a form of its own (OCapN's
 * tagged values): taken apart into their wire name and parts, and built again from them with
 * the checks and conversions {@code erg/1}'s decoder applies. Internal, as this package is:
 * the registry keeps its shapes out of the exported API.
 */
public final class RegisteredShapes {

    /** A registered record or enum constant taken apart. */
    public sealed interface Parts {
        /** The wire name of its type. */
        String name();
    }

    /** A record: its components, in declaration order. */
    public record RecordParts(String name, List<Object> components) implements Parts {
    }

    /** An enum constant: its name. */
    public record ConstantParts(String name, String constant) implements Parts {
    }

    private final PassableRegistry registry;

    public RegisteredShapes(PassableRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** {@code value} taken apart, or null if it is no instance of a registered record or enum. */
    public Parts parts(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Enum<?> constant) {
            EnumType type = Registries.enumType(registry, constant.getDeclaringClass());
            return type == null ? null : new ConstantParts(type.name(), constant.name());
        }
        RecordType type = Registries.recordType(registry, value.getClass());
        if (type == null) {
            return null;
        }
        List<Object> components = new ArrayList<>(type.arity());
        for (int i = 0; i < type.arity(); i++) {
            components.add(type.component(value, i));
        }
        return new RecordParts(type.name(), Collections.unmodifiableList(components));
    }

    /** Whether {@code name} is the wire name of a registered record or enum. */
    public boolean names(String name) {
        return Registries.recordNamed(registry, name) != null || Registries.enumNamed(registry, name) != null;
    }

    /** Whether {@code name} is the wire name of a registered record. */
    public boolean namesRecord(String name) {
        return Registries.recordNamed(registry, name) != null;
    }

    /**
     * The registered record named {@code name} built from {@code components}, each converted to
     * its component's declared type as {@code erg/1} converts it, and references made the
     * declared remote interfaces.
     *
     * @throws IllegalArgumentException saying why, if no record has that name, the count of
     *                                  components differs, one does not fit, or the record's
     *                                  constructor refuses them
     */
    public Object record(String name, List<?> components) {
        RecordType type = Registries.recordNamed(registry, name);
        if (type == null) {
            throw new IllegalArgumentException("no record is registered as \"" + name + "\"");
        }
        if (components.size() != type.arity()) {
            throw new IllegalArgumentException("record " + name + " with " + components.size() + " fields, where "
                    + type.arity() + " are registered");
        }
        Object[] fitted = new Object[type.arity()];
        for (int i = 0; i < fitted.length; i++) {
            try {
                fitted[i] = fit(type.expect(i), components.get(i));
            } catch (PathFailure f) {
                throw new IllegalArgumentException("record " + name + "." + type.componentName(i) + ": "
                        + f.getMessage());
            }
        }
        try {
            return type.construct(fitted);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("record " + name + " refused its values: " + e.getMessage());
        }
    }

    /**
     * The constant {@code constant} of the registered enum named {@code name}.
     *
     * @throws IllegalArgumentException if no enum has that name, or it has no such constant
     */
    public Enum<?> constant(String name, String constant) {
        EnumType type = Registries.enumNamed(registry, name);
        if (type == null) {
            throw new IllegalArgumentException("no enum is registered as \"" + name + "\"");
        }
        Enum<?> found = type.constant(constant);
        if (found == null) {
            throw new IllegalArgumentException("enum " + name + " has no constant \"" + constant + "\"");
        }
        return found;
    }

    /** {@code value} as a position of {@code expect} takes it, its items and entries fitted in turn. */
    private static Object fit(Expect expect, Object value) {
        if (expect == Expect.ANY) {
            return value;
        }
        Object fitted = switch (value) {
            case List<?> list when expect.item() != Expect.ANY -> {
                List<Object> items = new ArrayList<>(list.size());
                for (Object item : list) {
                    items.add(fit(expect.item(), item));
                }
                yield Collections.unmodifiableList(items);
            }
            case Map<?, ?> map when expect.key() != Expect.ANY || expect.value() != Expect.ANY -> {
                Map<Object, Object> entries = new LinkedHashMap<>();
                map.forEach((k, v) -> entries.put(fit(expect.key(), k), fit(expect.value(), v)));
                yield Collections.unmodifiableMap(entries);
            }
            case null -> null;
            default -> expect.referenceType() == Object.class ? value : Refs.asType(value, expect.referenceType());
        };
        return expect.accept(fitted);
    }
}
