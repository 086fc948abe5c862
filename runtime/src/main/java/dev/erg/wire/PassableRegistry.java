package dev.erg.wire;

import dev.erg.vat.Passable;
import dev.erg.vat.Problem;
import dev.erg.vat.spi.ScalarKind;
import dev.erg.wire.codec.EnumType;
import dev.erg.wire.codec.Expect;
import dev.erg.wire.codec.RecordType;
import dev.erg.wire.codec.Registries;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The records and enums an application lets cross vats, by their {@link Passable} wire names.
 * The decoder builds records and enums only from this registry: a name read from the wire is
 * looked up here and nowhere else, so no class is ever loaded or reflected on because a peer
 * named it.
 *
 * <p>Registering a record checks that every component can cross a vat and compiles what the
 * decoder checks for each component, so that a peer cannot put a string where the record
 * declares an {@code int} or a {@code List<Point>}. Component types may be:
 * <ul>
 *   <li>{@code boolean}, {@code long}, {@code int}, {@code short}, {@code byte},
 *       {@code double}, {@code float}, {@code char}, their boxes, {@link BigInteger},
 *       {@link String}, {@code byte[]};
 *   <li>{@link List}, {@link Collection} or {@link Iterable} of a component type, and
 *       {@link Map} of two;
 *   <li>another registered record or enum, {@link Problem}, {@code Object}, {@link Number};
 *   <li>any interface: the component then holds a reference (or a value implementing it).
 * </ul>
 * Boxed, object and collection components accept {@code null}; primitive ones do not.
 *
 * <p>A registry is immutable and safe to share between threads.
 *
 * {@snippet :
 * @Passable("example.Point")
 * record Point(int x, int y) {}
 *
 * PassableRegistry registry = PassableRegistry.of(Point.class);
 * }
 */
public final class PassableRegistry {

    static {
        Registries.install(new RegistryHooks());
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final PassableRegistry EMPTY = new Builder().build();

    private final Map<Class<?>, RecordType> recordsByClass;
    private final Map<String, RecordType> recordsByName;
    private final Map<Class<?>, EnumType> enumsByClass;
    private final Map<String, EnumType> enumsByName;

    private PassableRegistry(Map<Class<?>, RecordType> recordsByClass,
                             Map<Class<?>, EnumType> enumsByClass) {
        this.recordsByClass = Map.copyOf(recordsByClass);
        this.enumsByClass = Map.copyOf(enumsByClass);
        Map<String, RecordType> records = new HashMap<>();
        recordsByClass.values().forEach(type -> records.put(type.name(), type));
        Map<String, EnumType> enums = new HashMap<>();
        enumsByClass.values().forEach(type -> enums.put(type.name(), type));
        this.recordsByName = Map.copyOf(records);
        this.enumsByName = Map.copyOf(enums);
    }

    /** A registry with no records or enums: only built-in values can cross. */
    public static PassableRegistry empty() {
        return EMPTY;
    }

    /**
     * A registry of {@code types}, each a record or enum annotated {@link Passable}.
     *
     * @throws IllegalArgumentException as {@link Builder#build()}
     */
    public static PassableRegistry of(Class<?>... types) {
        Builder builder = builder();
        for (Class<?> type : types) {
            builder.add(type);
        }
        return builder.build();
    }

    /** A builder with nothing registered yet. */
    public static Builder builder() {
        return new Builder();
    }

    RecordType recordType(Class<?> type) {
        return recordsByClass.get(type);
    }

    RecordType recordNamed(String name) {
        return recordsByName.get(name);
    }

    EnumType enumType(Class<?> type) {
        return enumsByClass.get(type);
    }

    EnumType enumNamed(String name) {
        return enumsByName.get(name);
    }

    /** Collects types to register; {@link #build()} checks them all. */
    public static final class Builder {

        private final Map<Class<?>, MethodHandles.Lookup> types = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Registers {@code type}, whose accessors and canonical constructor this package reaches
         * through {@link MethodHandles#privateLookupIn}. In a named module, the type's package
         * must be open to this module; otherwise use {@link #add(Class, MethodHandles.Lookup)}.
         */
        public Builder add(Class<?> type) {
            return add(type, null);
        }

        /**
         * Registers {@code type}, reaching its accessors and canonical constructor through
         * {@code lookup}, typically the caller's own {@code MethodHandles.lookup()}.
         */
        public Builder add(Class<?> type, MethodHandles.Lookup lookup) {
            if (types.containsKey(type)) {
                throw new IllegalArgumentException(type.getName() + " is already registered");
            }
            types.put(type, lookup);
            return this;
        }

        /**
         * The registry of every type added.
         *
         * @throws IllegalArgumentException if a type is neither a record nor an enum, is not
         *     annotated {@link Passable}, has an invalid or already used wire name, has a
         *     component of a type that cannot cross a vat, or cannot be accessed
         */
        public PassableRegistry build() {
            Map<String, Class<?>> names = new HashMap<>();
            for (Class<?> type : types.keySet()) {
                String name = wireName(type);
                Class<?> previous = names.put(name, type);
                if (previous != null) {
                    throw new IllegalArgumentException("wire name \"" + name + "\" is used by both "
                            + previous.getName() + " and " + type.getName());
                }
            }
            Map<Class<?>, RecordType> records = new HashMap<>();
            Map<Class<?>, EnumType> enums = new HashMap<>();
            types.forEach((type, lookup) -> {
                if (type.isEnum()) {
                    enums.put(type, new EnumType(wireName(type), (Enum<?>[]) type.getEnumConstants()));
                } else {
                    records.put(type, recordType(type, lookup));
                }
            });
            return new PassableRegistry(records, enums);
        }

        private static String wireName(Class<?> type) {
            if (!type.isRecord() && !type.isEnum()) {
                throw new IllegalArgumentException(type.getName() + " is neither a record nor an enum");
            }
            Passable passable = type.getAnnotation(Passable.class);
            if (passable == null) {
                throw new IllegalArgumentException(type.getName() + " is not annotated @Passable");
            }
            String name = passable.value();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("wire name \"" + name + "\" of " + type.getName()
                        + " (expected: 1 to 128 letters, digits, '.', '-' or '_')");
            }
            return name;
        }

        private RecordType recordType(Class<?> type, MethodHandles.Lookup given) {
            MethodHandles.Lookup lookup;
            try {
                lookup = given != null ? given : MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("cannot access " + type.getName()
                        + ": open its package to this module, or register it with a Lookup", e);
            }
            RecordComponent[] components = type.getRecordComponents();
            int arity = components.length;
            String[] names = new String[arity];
            Expect[] expects = new Expect[arity];
            MethodHandle[] accessors = new MethodHandle[arity];
            Class<?>[] parameterTypes = new Class<?>[arity];
            MethodType accessorType = MethodType.methodType(Object.class, Object.class);
            try {
                for (int i = 0; i < arity; i++) {
                    RecordComponent component = components[i];
                    names[i] = component.getName();
                    expects[i] = compile(component.getGenericType(), type, component.getName());
                    accessors[i] = lookup.unreflect(component.getAccessor()).asType(accessorType);
                    parameterTypes[i] = component.getType();
                }
                MethodHandle constructor = lookup
                        .findConstructor(type, MethodType.methodType(void.class, parameterTypes))
                        .asSpreader(Object[].class, arity)
                        .asType(MethodType.methodType(Object.class, Object[].class));
                return new RecordType(wireName(type), names, expects, accessors, constructor);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot access " + type.getName()
                        + " through " + lookup + ": register it with a Lookup that can", e);
            }
        }

        private Expect compile(Type type, Class<?> owner, String component) {
            return switch (type) {
                case Class<?> c -> compileClass(c, owner, component);
                case ParameterizedType p -> {
                    Class<?> raw = (Class<?>) p.getRawType();
                    Type[] arguments = p.getActualTypeArguments();
                    if (raw == List.class || raw == Collection.class || raw == Iterable.class) {
                        yield new Expect.ListOf(compile(arguments[0], owner, component), true,
                                p.getTypeName());
                    }
                    if (raw == Map.class) {
                        yield new Expect.MapOf(compile(arguments[0], owner, component),
                                compile(arguments[1], owner, component), true, p.getTypeName());
                    }
                    if (raw == Optional.class) {
                        yield new Expect.OptionalOf(compile(arguments[0], owner, component), p.getTypeName());
                    }
                    yield compileClass(raw, owner, component);
                }
                case WildcardType w -> w.getLowerBounds().length > 0
                        ? Expect.ANY : compile(w.getUpperBounds()[0], owner, component);
                case TypeVariable<?> v -> compile(v.getBounds()[0], owner, component);
                default -> throw unsupported(type, owner, component);
            };
        }

        private Expect compileClass(Class<?> c, Class<?> owner, String component) {
            String name = c.getTypeName();
            if (c.isPrimitive()) {
                return switch (name) {
                    case "boolean" -> new Expect.Instance(Boolean.class, false, name);
                    case "long" -> new Expect.Instance(Long.class, false, name);
                    case "double" -> new Expect.Instance(Double.class, false, name);
                    case "int" -> new Expect.Convert(ScalarKind.INT, false, name);
                    case "short" -> new Expect.Convert(ScalarKind.SHORT, false, name);
                    case "byte" -> new Expect.Convert(ScalarKind.BYTE, false, name);
                    case "float" -> new Expect.Convert(ScalarKind.FLOAT, false, name);
                    default -> new Expect.Convert(ScalarKind.CHAR, false, name);
                };
            }
            if (c == Object.class) {
                return Expect.ANY;
            }
            if (c == Integer.class) {
                return new Expect.Convert(ScalarKind.INT, true, name);
            }
            if (c == Short.class) {
                return new Expect.Convert(ScalarKind.SHORT, true, name);
            }
            if (c == Byte.class) {
                return new Expect.Convert(ScalarKind.BYTE, true, name);
            }
            if (c == Float.class) {
                return new Expect.Convert(ScalarKind.FLOAT, true, name);
            }
            if (c == Character.class) {
                return new Expect.Convert(ScalarKind.CHAR, true, name);
            }
            if (c == BigInteger.class) {
                return new Expect.Convert(ScalarKind.BIG_INTEGER, true, name);
            }
            if (c == List.class || c == Collection.class || c == Iterable.class) {
                return new Expect.ListOf(Expect.ANY, true, name);
            }
            if (c == Map.class) {
                return new Expect.MapOf(Expect.ANY, Expect.ANY, true, name);
            }
            if (c == Optional.class) {
                return new Expect.OptionalOf(Expect.ANY, name);
            }
            if (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)) {
                throw unsupported(c, owner, component);
            }
            boolean registered = types.containsKey(c);
            if (c.isAnnotationPresent(Passable.class) && !registered) {
                throw new IllegalArgumentException("component " + owner.getName() + "." + component
                        + " has type " + name + ", which is @Passable but not registered");
            }
            if (registered || c.isInterface() || c == Boolean.class || c == Long.class
                    || c == Double.class || c == String.class || c == byte[].class || c == BigDecimal.class
                    || c == Number.class || c == Problem.class) {
                return new Expect.Instance(c, true, name);
            }
            throw unsupported(c, owner, component);
        }

        private static IllegalArgumentException unsupported(Type type, Class<?> owner, String component) {
            return new IllegalArgumentException("component " + owner.getName() + "." + component
                    + " has type " + type.getTypeName() + ", which cannot cross a vat");
        }
    }

    /** The wire names of the registered types, sorted. */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>(recordsByName.keySet());
        names.addAll(enumsByName.keySet());
        names.sort(null);
        return "PassableRegistry" + names;
    }
}
