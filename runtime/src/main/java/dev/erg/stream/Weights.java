package dev.erg.stream;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * What an item weighs against a stream's byte window: reader and writer weigh alike, in every
 * JVM, since both see the same value.
 */
final class Weights {

    /** Values nested deeper than this weigh as one scalar: the codec refuses deeper ones anyway. */
    private static final int MAX_DEPTH = 64;
    private static final long SCALAR = 8;

    private Weights() {
    }

    static long of(Object value) {
        return of(value, 0);
    }

    private static long of(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            return SCALAR;
        }
        return switch (value) {
            case byte[] bytes -> bytes.length;
            case String s -> s.length();
            case List<?> list -> {
                long sum = SCALAR;
                for (Object item : list) {
                    sum += of(item, depth + 1);
                }
                yield sum;
            }
            case Map<?, ?> map -> {
                long sum = SCALAR;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    sum += of(e.getKey(), depth + 1) + of(e.getValue(), depth + 1);
                }
                yield sum;
            }
            case Record record -> ofRecord(record, depth);
            case null, default -> SCALAR;
        };
    }

    private static long ofRecord(Record record, int depth) {
        long sum = SCALAR;
        for (Method accessor : ACCESSORS.get(record.getClass())) {
            try {
                sum += of(accessor.invoke(record), depth + 1);
            } catch (ReflectiveOperationException | RuntimeException e) {
                sum += SCALAR;
            }
        }
        return sum;
    }

    /** A record's accessors, or none if this module may not call them (it then weighs as one scalar). */
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                if (!trySetAccessible(accessors[i])) {
                    return new Method[0];
                }
            }
            return accessors;
        }
    };

    private static boolean trySetAccessible(Method m) {
        try {
            return m.trySetAccessible();
        } catch (SecurityException e) {
            return false;
        }
    }
}
