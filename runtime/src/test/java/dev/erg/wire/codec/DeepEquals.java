package dev.erg.wire.codec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a decoded value means what was encoded: structural equality that compares byte arrays
 * by content at any depth and scalars by their canonical decoded type, so that an encoded
 * {@code Integer} matches the {@code Long} it decodes to.
 */
final class DeepEquals {

    private DeepEquals() {
    }

    static boolean equal(Object a, Object b) {
        a = RandomValues.canonical(a);
        b = RandomValues.canonical(b);
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!y.containsKey(entry.getKey()) || !equal(entry.getValue(), y.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Record x && b instanceof Record y && x.getClass() == y.getClass()) {
            for (RecordComponent component : x.getClass().getRecordComponents()) {
                if (!equal(component(component, x), component(component, y))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static Object component(RecordComponent component, Record record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(e);
        }
    }
}
