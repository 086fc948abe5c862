package dev.erg.server.durable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Checks that a value is data a store can keep: records, arrays, collections and maps of
 * numbers, strings, booleans, characters, byte arrays and enums, nested at most
 * {@link #MAX_DEPTH} deep. A live reference, say, is refused.
 *
 * <p>Every durable turn checks the state it writes, so the components of each record class are
 * read once and kept: asking a class for its record components on every check cost a durable
 * turn more than the rest of its work on the engine's thread did.
 */
final class DataOnly {

    static final int MAX_DEPTH = 64;

    /** Each record class's component accessors, made accessible once. */
    private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
            return Accessors.of(type);
        }
    };

    private DataOnly() {
    }

    /**
     * Checks {@code value}.
     *
     * @throws IllegalArgumentException if it holds anything but data, or nests too deep
     */
    static void require(Object value) {
        require(value, 0);
    }

    private static void require(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("cannot store a value nested deeper than " + MAX_DEPTH);
        }
        switch (v) {
            case null -> {
            }
            case String s -> {
            }
            case Boolean b -> {
            }
            case Character c -> {
            }
            case Long n -> {
            }
            case Integer n -> {
            }
            case Short n -> {
            }
            case Byte n -> {
            }
            case Double n -> {
            }
            case Float n -> {
            }
            case BigInteger n -> {
            }
            case BigDecimal n -> {
            }
            case byte[] bytes -> {
            }
            case Enum<?> e -> {
            }
            case Object[] array -> {
                for (Object element : array) {
                    require(element, depth + 1);
                }
            }
            case Collection<?> elements -> {
                for (Object element : elements) {
                    require(element, depth + 1);
                }
            }
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    require(entry.getKey(), depth + 1);
                    require(entry.getValue(), depth + 1);
                }
            }
            case Record record -> {
                Accessors accessors = ACCESSORS.get(record.getClass());
                for (int i = 0; i < accessors.size(); i++) {
                    require(accessors.read(record, i), depth + 1);
                }
            }
            default -> throw new IllegalArgumentException("cannot store a " + v.getClass().getName()
                    + ": durable state and letters hold data only (records, lists, maps, strings, numbers, booleans,"
                    + " byte arrays, enums); keep a reference to another object as its sturdy ref's text");
        }
    }

    /**
     * The accessors of one record class, in component order; where one cannot be made
     * accessible, the failure in its place, reported when a value of the class is checked.
     */
    private record Accessors(Class<?> type, String[] names, Method[] methods, RuntimeException[] failures) {

        static Accessors of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            int n = components.length;
            Accessors accessors = new Accessors(type, new String[n], new Method[n], new RuntimeException[n]);
            for (int i = 0; i < n; i++) {
                accessors.names[i] = components[i].getName();
                try {
                    Method accessor = components[i].getAccessor();
                    accessor.setAccessible(true);
                    accessors.methods[i] = accessor;
                } catch (RuntimeException e) {
                    accessors.failures[i] = e;
                }
            }
            return accessors;
        }

        int size() {
            return methods.length;
        }

        /** The value of component {@code i} of {@code record}. */
        Object read(Record record, int i) {
            Throwable failure = failures[i];
            if (failure == null) {
                try {
                    return methods[i].invoke(record);
                } catch (InvocationTargetException e) {
                    failure = e.getCause();
                } catch (ReflectiveOperationException | RuntimeException e) {
                    failure = e;
                }
            }
            throw new IllegalArgumentException("cannot read component " + names[i] + " of " + type.getName() + ": "
                    + failure, failure);
        }
    }
}
