package dev.erg.wire.codec;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The unmodifiable list the decoder produces. Unlike {@link List#of}, it holds {@code null}
 * items and answers {@code contains(null)}; owning its array lets message records keep a
 * decoded list without copying it again.
 */
final class ImmutableList extends AbstractList<Object> implements RandomAccess {

    static final ImmutableList EMPTY = new ImmutableList(new Object[0]);

    private final Object[] items;

    /** A list over {@code items}, which the caller hands over and must not change. */
    ImmutableList(Object[] items) {
        this.items = items;
    }

    /** {@code list} itself if it is an {@code ImmutableList}, else an unmodifiable copy. */
    static List<Object> copyOf(List<?> list) {
        if (list instanceof ImmutableList immutable) {
            return immutable;
        }
        if (list.size() == 1) {
            // An answer's one value: no iterator, as a singleton list's toArray takes.
            return new ImmutableList(new Object[] {list.getFirst()});
        }
        Object[] copy = list.toArray();
        return copy.length == 0 ? EMPTY : new ImmutableList(copy);
    }

    @Override
    public Object get(int index) {
        return items[Objects.checkIndex(index, items.length)];
    }

    @Override
    public int size() {
        return items.length;
    }

    // AbstractList's copies item by item through an iterator; this one is on every call's path.
    @Override
    public Object[] toArray() {
        return Arrays.copyOf(items, items.length, Object[].class);
    }
}
