package dev.erg.vat;

import dev.erg.vat.spi.RemoteTarget;
import dev.erg.vat.spi.ScalarKind;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a value that crossed vats becomes the type a remote method declares. A value arrives in
 * its canonical form when it crossed a wire (every integer a {@code Long} or
 * {@link BigInteger}, every floating-point number a {@code Double}, a {@code char} a
 * one-character {@code String}) and as it was sent when it did not; either way the receiver
 * gets the declared type, or a clear reason why the value does not fit. Compiled once per
 * method from its declared parameter and answer types, so that the same program behaves the
 * same in one JVM and across machines.
 */
sealed interface Conversion {

    /** {@code value} as the declared type. @throws Mismatch if it does not fit */
    Object apply(Object value);

    /** The declared type, as messages name it. */
    String typeName();

    /** The conversion to {@code declared}. @throws IllegalArgumentException if values of it cannot cross vats */
    static Conversion to(Type declared) {
        return Conversions.compile(declared, 0);
    }

    /** Why a value does not fit the declared type; stackless, since it is a value's fault. */
    final class Mismatch extends RuntimeException {
        Mismatch(String message) {
            super(message, null, false, false);
        }

        static Mismatch of(Object value, Conversion expected) {
            return new Mismatch(describe(value) + " is not " + article(expected.typeName()));
        }

        static Mismatch range(Object value, Conversion expected) {
            return new Mismatch(describe(value) + " is out of range for " + expected.typeName());
        }
    }

    /** Any value: {@code Object}, a type variable or a wildcard. */
    record Any(String typeName) implements Conversion {
        @Override
        public Object apply(Object value) {
            return value;
        }
    }

    /** An instance of a class that needs no converting: strings, records, enums, byte arrays. */
    record Exact(Class<?> type) implements Conversion {
        @Override
        public Object apply(Object value) {
            if (value == null || type.isInstance(value)) {
                return value;
            }
            throw Mismatch.of(value, this);
        }

        @Override
        public String typeName() {
            return type.getSimpleName();
        }
    }

    /** A number, character or boolean, primitive ({@code nullable} false) or boxed. */
    record Scalar(ScalarKind kind, boolean nullable, String typeName) implements Conversion {
        @Override
        public Object apply(Object value) {
            if (value == null) {
                if (nullable) {
                    return null;
                }
                throw new Mismatch("null is not " + article(typeName));
            }
            Object converted = kind.convert(value);
            if (converted == null) {
                throw Mismatch.of(value, this);
            }
            if (converted == ScalarKind.OUT_OF_RANGE) {
                throw Mismatch.range(value, this);
            }
            return converted;
        }
    }

    /** A reference of a remote interface: an untyped far reference or a promise becomes its proxy. */
    record Remote(Class<?> iface) implements Conversion {
        @Override
        public Object apply(Object value) {
            if (value == null || iface.isInstance(value)) {
                return value;
            }
            if (value instanceof RemoteTarget target) {
                return target.proxy(iface);
            }
            if (value instanceof Promise<?> promise) {
                return PromiseRef.proxy(promise, iface);
            }
            throw Mismatch.of(value, this);
        }

        @Override
        public String typeName() {
            return iface.getSimpleName();
        }
    }

    /** A list whose items are each converted. */
    record ListOf(Conversion item, String typeName) implements Conversion {
        @Override
        public Object apply(Object value) {
            if (!(value instanceof List<?> list)) {
                if (value == null) {
                    return null;
                }
                throw Mismatch.of(value, this);
            }
            if (item instanceof Any) {
                return list;
            }
            Object[] items = list.toArray();
            boolean changed = false;
            for (int i = 0; i < items.length; i++) {
                Object converted;
                try {
                    converted = item.apply(items[i]);
                } catch (Mismatch m) {
                    throw new Mismatch("item " + i + ": " + m.getMessage());
                }
                changed |= converted != items[i];
                items[i] = converted;
            }
            return changed ? Collections.unmodifiableList(Arrays.asList(items)) : list;
        }
    }

    /** A map whose keys and values are each converted. */
    record MapOf(Conversion key, Conversion value, String typeName) implements Conversion {
        @Override
        public Object apply(Object given) {
            if (!(given instanceof Map<?, ?> map)) {
                if (given == null) {
                    return null;
                }
                throw Mismatch.of(given, this);
            }
            if (key instanceof Any && value instanceof Any) {
                return map;
            }
            Map<Object, Object> converted = LinkedHashMap.newLinkedHashMap(map.size());
            boolean changed = false;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object k;
                Object v;
                try {
                    k = key.apply(e.getKey());
                    v = value.apply(e.getValue());
                } catch (Mismatch m) {
                    throw new Mismatch("entry " + describe(e.getKey()) + ": " + m.getMessage());
                }
                changed |= k != e.getKey() || v != e.getValue();
                converted.put(k, v);
            }
            return changed ? Collections.unmodifiableMap(converted) : map;
        }
    }

    /**
     * A promise whose value, once it settles, is converted: a {@code Promise<T>} parameter. A
     * value that is not a promise (a promise resolved to a reference crosses as the reference)
     * becomes a promise fulfilled with it, in the vat that receives it.
     */
    record PromiseOf(Conversion content, String typeName) implements Conversion {
        @Override
        public Object apply(Object value) {
            if (value == null) {
                return null;
            }
            Promise<?> given = Ref.promiseBehind(value);
            if (given == null) {
                return Promise.of(content.apply(value));
            }
            if (content instanceof Any) {
                return given;
            }
            Promise<Object> converted = new Promise<>();
            converted.expect(content, "the value of a " + typeName);
            Settlement.forward(converted, given);
            return converted;
        }
    }

    /** An optional value: it crosses a wire as its content, or null when empty. */
    record OptionalOf(Conversion content, String typeName) implements Conversion {
        @Override
        public Object apply(Object value) {
            return switch (value) {
                case null -> Optional.empty();
                case Optional<?> o when o.isEmpty() -> o;
                case Optional<?> o -> {
                    Object inner = content.apply(o.get());
                    yield inner == o.get() ? o : Optional.of(inner);
                }
                default -> Optional.of(content.apply(value));
            };
        }
    }

    /** What a value is, as problems name it. */
    static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case Boolean b -> "boolean " + b;
            case Long n -> "integer " + n;
            case Integer n -> "integer " + n;
            case Short n -> "integer " + n;
            case Byte n -> "integer " + n;
            case BigInteger n -> "integer " + n;
            case Double d -> "number " + d;
            case Float f -> "number " + f;
            case Character c -> "character '" + c + "'";
            case String s -> s.length() <= 20 ? "text \"" + s + "\"" : "text of " + s.length() + " characters";
            case byte[] b -> "byte array of " + b.length;
            case List<?> _ -> "list";
            case Map<?, ?> _ -> "map";
            case Optional<?> _ -> "Optional";
            default -> value.getClass().isRecord() || value instanceof Enum<?>
                    ? value.getClass().getSimpleName()
                    : "a reference";
        };
    }

    private static String article(String typeName) {
        return switch (typeName.charAt(0)) {
            case 'A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u' -> "an " + typeName;
            default -> "a " + typeName;
        };
    }

    /** Names a declared type briefly, as problems and refusals do: {@code List<Integer>}. */
    static String name(Type type) {
        return switch (type) {
            case Class<?> c -> c.getSimpleName();
            case ParameterizedType p -> {
                StringBuilder b = new StringBuilder(name(p.getRawType())).append('<');
                Type[] args = p.getActualTypeArguments();
                for (int i = 0; i < args.length; i++) {
                    b.append(i == 0 ? "" : ", ").append(name(args[i]));
                }
                yield b.append('>').toString();
            }
            case GenericArrayType a -> name(a.getGenericComponentType()) + "[]";
            case TypeVariable<?> v -> v.getName();
            case WildcardType w -> w.toString();
            default -> type.getTypeName();
        };
    }
}
