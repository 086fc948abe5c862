package dev.erg.vat;

import dev.erg.vat.spi.RemoteTarget;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules by which a value crosses from one vat into another.
 *
 * <ul>
 * <li>Data is shared when immutable: null, booleans, numbers of the primitive box types,
 *     {@link BigInteger} and {@link BigDecimal}, characters, strings, {@link Problem}s, enums and records marked
 *     {@link Passable}, immutable lists and maps of data, and {@link Optional}s of data. (An
 *     {@code Optional} crosses a wire as its content, or null when empty, and becomes an
 *     {@code Optional} again where one is declared; where {@code Object} is, it arrives as
 *     its content.)</li>
 * <li>Data is copied when mutable: byte arrays, and lists or maps that are not immutable
 *     (copied into immutable ones, so they may not hold null).</li>
 * <li>Promises, resolvers, eventual references and {@link RemoteTarget}s cross as they are
 *     (they are thread-safe), except that a promise already resolved to a reference crosses as
 *     that reference;
 *     an eventual reference arriving in the vat of its target becomes the near object again.</li>
 * <li>An object implementing a remote interface crosses as a new eventual reference to it,
 *     in the vat it came from.</li>
 * <li>Anything else may not cross: a {@value Problem#NOT_PASSABLE} problem names its type.</li>
 * </ul>
 * Nesting deeper than {@link #MAX_DEPTH} is refused, as it is on the wire.
 */
final class Pass {

    /** Deepest nesting of lists, maps and records that may cross. */
    static final int MAX_DEPTH = 64;

    private static final ClassValue<RecordShape> RECORDS = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return RecordShape.of(type);
        }
    };

    private Pass() {
    }

    /**
     * {@code value}, owned by {@code from}, as it may be seen in {@code to}. Either vat may be
     * null: a thread outside any vat, or a destination not known yet.
     *
     * @throws ProblemException with a {@value Problem#NOT_PASSABLE} problem
     */
    static Object across(Object value, Vat from, Vat to) {
        if (from != null && from == to) {
            return value;
        }
        return pass(value, from, to, 0, true);
    }

    /**
     * {@code value}, which has crossed into no vat already (its mutable data copied), as seen
     * by a reader that only reads it at once and keeps nothing: byte arrays are not copied
     * again; references are passed as {@link #across} passes them.
     */
    static Object toReader(Object value, Vat from) {
        return pass(value, from, null, 0, false);
    }

    /**
     * Passes each argument, in place: {@code args} must be an array nobody else holds, as the
     * one a proxy receives for each call is. Byte arrays are copied if {@code copyBytes}; a
     * sender may skip it only for arrays it gives up and that leave this JVM (see {@link
     * EventualHandler#leavesJvm}), which the codec copies as it encodes them.
     */
    static Object[] arguments(Object[] args, Vat from, Vat to, boolean copyBytes) {
        if (args == null || (from != null && from == to)) {
            return args;
        }
        for (int i = 0; i < args.length; i++) {
            args[i] = pass(args[i], from, to, 0, copyBytes);
        }
        return args;
    }

    /**
     * Arguments that were passed (or decoded from a wire) before their destination {@code to}
     * was known, now that it is: references to its objects become near; data, already
     * copied, is not copied again.
     */
    static Object[] arrived(Object[] args, Vat to) {
        if (args == null) {
            return null;
        }
        for (int i = 0; i < args.length; i++) {
            args[i] = pass(args[i], null, to, 0, false);
        }
        return args;
    }

    private static Object pass(Object v, Vat from, Vat to, int depth, boolean copy) {
        if (Ref.promiseBehind(v) != null) {
            // A promise already resolved to a reference crosses as that reference, as it does over
            // a wire: an object coming home through one arrives near.
            Object shortened = Ref.shorten(v);
            if (Ref.promiseBehind(shortened) == null) {
                return pass(shortened, from, to, depth, copy);
            }
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Character
                || v instanceof Long || v instanceof Integer || v instanceof Double || v instanceof Float
                || v instanceof Short || v instanceof Byte || v instanceof Problem
                || v instanceof Promise || v instanceof PromiseResolver || v instanceof RemoteTarget) {
            return v;
        }
        if (depth >= MAX_DEPTH) {
            throw refused("nested deeper than %d", MAX_DEPTH);
        }
        if (v.getClass() == BigInteger.class || v.getClass() == BigDecimal.class) {
            return v;
        }
        if (v instanceof byte[] bytes) {
            return copy ? bytes.clone() : bytes;
        }
        if (v instanceof Proxy proxy) {
            switch (Proxy.getInvocationHandler(proxy)) {
                case FarRef far -> {
                    return far.home() == to ? far.target() : v;
                }
                case PromiseRef pipelined -> {
                    return v;
                }
                case RemoteRef remote -> {
                    return v;
                }
                default -> {
                }
            }
        }
        if (v instanceof List<?> list) {
            return passList(list, from, to, depth, copy);
        }
        if (v instanceof Map<?, ?> map) {
            return passMap(map, from, to, depth, copy);
        }
        if (v instanceof Optional<?> optional) {
            if (optional.isEmpty()) {
                return optional;
            }
            Object content = pass(optional.get(), from, to, depth + 1, copy);
            return content == optional.get() ? optional : Optional.of(content);
        }
        Class<?> type = v.getClass();
        if (v instanceof Enum<?> e) {
            if (e.getDeclaringClass().isAnnotationPresent(Passable.class)) {
                return v;
            }
            throw refused("enum %s is not marked @Passable", e.getDeclaringClass().getName());
        }
        if (type.isRecord() && type.isAnnotationPresent(Passable.class)) {
            return RECORDS.get(type).pass(v, from, to, depth, copy);
        }
        Class<?>[] remote = RemoteInterfaces.of(type);
        if (remote.length > 0) {
            if (from == null) {
                throw refused("a %s created outside any vat belongs to no vat; export it from a vat first",
                        type.getName());
            }
            return FarRef.proxy(from, v, remote);
        }
        if (type.isRecord()) {
            throw refused("record %s is not marked @Passable", type.getName());
        }
        throw refused("a %s is neither data nor an object implementing a remote interface", type.getName());
    }

    private static List<?> passList(List<?> list, Vat from, Vat to, int depth, boolean copy) {
        Object[] items = list.toArray();
        boolean changed = false;
        for (int i = 0; i < items.length; i++) {
            Object item = items[i];
            if (item == null) {
                throw refused("lists that cross vats may not hold null (element %d)", i);
            }
            Object passed = pass(item, from, to, depth + 1, copy);
            changed |= passed != item;
            items[i] = passed;
        }
        return changed ? List.of(items) : List.copyOf(list);
    }

    private static Map<?, ?> passMap(Map<?, ?> map, Vat from, Vat to, int depth, boolean copy) {
        Map<Object, Object> passed = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw refused("maps that cross vats may not hold null keys or values");
            }
            Object k = pass(e.getKey(), from, to, depth + 1, copy);
            Object val = pass(e.getValue(), from, to, depth + 1, copy);
            changed |= k != e.getKey() || val != e.getValue();
            passed.put(k, val);
        }
        return changed ? Map.copyOf(passed) : Map.copyOf(map);
    }

    private static ProblemException refused(String format, Object... args) {
        return new ProblemException(Problem.of(Problem.NOT_PASSABLE, "cannot pass between vats: " + format, args));
    }

    /** How to read and rebuild one passable record type. */
    private record RecordShape(String name, MethodHandle[] accessors, MethodHandle constructor, String refusal) {

        static RecordShape of(Class<?> type) {
            try {
                RecordComponent[] components = type.getRecordComponents();
                MethodHandle[] accessors = new MethodHandle[components.length];
                Class<?>[] types = new Class<?>[components.length];
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                for (int i = 0; i < components.length; i++) {
                    var accessor = components[i].getAccessor();
                    accessor.setAccessible(true);
                    accessors[i] = lookup.unreflect(accessor);
                    types[i] = components[i].getType();
                }
                Constructor<?> canonical = type.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                return new RecordShape(type.getName(), accessors, lookup.unreflectConstructor(canonical), null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new RecordShape(type.getName(), null, null,
                        "cannot read record " + type.getName() + ": " + e.getMessage());
            }
        }

        Object pass(Object record, Vat from, Vat to, int depth, boolean copy) {
            if (refusal != null) {
                throw refused("%s", refusal);
            }
            Object[] values = new Object[accessors.length];
            boolean changed = false;
            try {
                for (int i = 0; i < accessors.length; i++) {
                    Object value = accessors[i].invoke(record);
                    Object passed = Pass.pass(value, from, to, depth + 1, copy);
                    changed |= passed != value;
                    values[i] = passed;
                }
                return changed ? constructor.invokeWithArguments(values) : record;
            } catch (ProblemException e) {
                throw e;
            } catch (Throwable e) {
                throw refused("cannot copy record %s: %s", name, e);
            }
        }
    }
}
