package dev.erg.captp.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A map from table positions to non-null values, for the session's tables, which every call
 * reads and writes several times: keys are kept unboxed in one array, so a lookup touches two
 * arrays instead of a boxed key and a chain of nodes. Positions may come from the peer, so each
 * map mixes them with a seed of its own: a peer cannot choose positions that collide.
 *
 * <p>Not thread-safe; the session's lock guards it.
 */
final class PositionMap<V> {

    private static final int INITIAL = 16;
    /**
     * The slots a map keeps however empty it gets: a few calls in flight, answered and freed
     * over and over, then never make it grow and shrink back each time.
     */
    private static final int KEPT = 64;

    private final long seed = ThreadLocalRandom.current().nextLong();
    private long[] keys = new long[INITIAL];
    private Object[] values = new Object[INITIAL];
    private int size;

    /** The value at {@code position}, or null. */
    @SuppressWarnings("unchecked")
    V get(long position) {
        int i = find(position);
        return i < 0 ? null : (V) values[i];
    }

    boolean containsKey(long position) {
        return find(position) >= 0;
    }

    /** Puts {@code value} at {@code position}; returns the value it replaced, or null. */
    V put(long position, V value) {
        return put(position, value, true);
    }

    /** Puts {@code value} at {@code position} unless a value is there; returns that value, or null. */
    V putIfAbsent(long position, V value) {
        return put(position, value, false);
    }

    /** Removes the value at {@code position}; returns it, or null. */
    @SuppressWarnings("unchecked")
    V remove(long position) {
        int i = find(position);
        if (i < 0) {
            return null;
        }
        V old = (V) values[i];
        values[i] = null;
        size--;
        shiftBack(i);
        if (size * 8 <= values.length && values.length > KEPT) {
            // A table emptied after a burst gives its room back: it stays small in memory and in the caches.
            resize(values.length / 2);
        }
        return old;
    }

    int size() {
        return size;
    }

    /** The slots the map holds now, in use or not. */
    int slots() {
        return values.length;
    }

    /**
     * The values in order of position, in a list of their own: the same order in every run, as
     * a simulation replaying a seed needs, whatever each map's seed.
     */
    @SuppressWarnings("unchecked")
    List<V> values() {
        Integer[] slots = new Integer[size];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                slots[n++] = i;
            }
        }
        Arrays.sort(slots, Comparator.comparingLong(i -> keys[i]));
        List<V> all = new ArrayList<>(size);
        for (Integer i : slots) {
            all.add((V) values[i]);
        }
        return all;
    }

    void clear() {
        keys = new long[INITIAL];
        values = new Object[INITIAL];
        size = 0;
    }

    @SuppressWarnings("unchecked")
    private V put(long position, V value, boolean replace) {
        Objects.requireNonNull(value, "value");
        int mask = values.length - 1;
        for (int i = slot(position, mask); ; i = (i + 1) & mask) {
            Object here = values[i];
            if (here == null) {
                keys[i] = position;
                values[i] = value;
                if (++size * 2 > values.length) {
                    resize(values.length * 2);
                }
                return null;
            }
            if (keys[i] == position) {
                if (replace) {
                    values[i] = value;
                }
                return (V) here;
            }
        }
    }

    private int find(long position) {
        int mask = values.length - 1;
        for (int i = slot(position, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == position) {
                return i;
            }
        }
        return -1;
    }

    /** Linear probing's deletion: moves later entries of the run back so that no lookup stops early. */
    private void shiftBack(int hole) {
        int mask = values.length - 1;
        for (int i = (hole + 1) & mask; values[i] != null; i = (i + 1) & mask) {
            int home = slot(keys[i], mask);
            // The entry at i may fill the hole if its home is not in the cyclic range (hole, i].
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                values[i] = null;
                hole = i;
            }
        }
    }

    /** Rehashes into {@code slots} slots, a power of two that keeps the load at most one half. */
    private void resize(int slots) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[slots];
        values = new Object[slots];
        int mask = values.length - 1;
        for (int j = 0; j < oldValues.length; j++) {
            if (oldValues[j] != null) {
                int i = slot(oldKeys[j], mask);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    /** The position's home slot: the seeded position through a 64-bit finalizer (MurmurHash3's fmix64). */
    private int slot(long position, int mask) {
        long h = position ^ seed;
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (int) (h ^ (h >>> 33)) & mask;
    }
}
