package dev.erg.captp.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What we export to one peer: position → object, with the number of times each was sent, so
 * that a {@code gc-exports} from the peer frees an entry only when no reference is still in
 * flight. Position 0 is the bootstrap object and is never freed. Guarded by the session.
 */
final class ExportTable {

    private static final class Entry {
        final long position;
        final Object object;
        /** The entry's key in {@code byObject}; null for a settler, found by position only. */
        final Key key;
        long sent;

        Entry(long position, Object object, Key key) {
            this.position = position;
            this.object = object;
            this.key = key;
        }
    }

    /**
     * An exported object as a key, with its hash taken once: an eventual reference answers
     * {@code hashCode} and {@code equals} through its proxy's handler, so a lookup, an insert and
     * a removal each asking again would cost three dispatches where one does; the removal, given
     * the very key inserted, needs no {@code equals} either.
     */
    private record Key(Object object, int hash) {

        static Key of(Object object) {
            return new Key(object, object.hashCode());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && (key.object == object || object.equals(key.object));
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final PositionMap<Entry> byPosition = new PositionMap<>();
    private final Map<Key, Entry> byObject = new HashMap<>();
    private long next = 1;

    ExportTable(Object bootstrap) {
        byPosition.put(0, new Entry(0, bootstrap, null));
    }

    /** The position of {@code object}, exporting it if new; counts one more reference sent. */
    long export(Object object) {
        Key key = Key.of(object);
        Entry e = byObject.get(key);
        if (e == null) {
            e = new Entry(next++, object, key);
            byPosition.put(e.position, e);
            byObject.put(key, e);
        }
        e.sent++;
        return e.position;
    }

    /** Exports {@code settler}, sent once and never again, at a new position; found by position only. */
    long exportSettler(Settler settler) {
        Entry e = new Entry(next++, settler, null);
        e.sent = 1;
        byPosition.put(e.position, e);
        return e.position;
    }

    /** The object at {@code position}, or null. */
    Object get(long position) {
        Entry e = byPosition.get(position);
        return e == null ? null : e.object;
    }

    /** Whether {@code object} is exported here, so that the peer can name it by an export descriptor. */
    boolean holds(Object object) {
        return object != null && (byObject.containsKey(Key.of(object)) || object.equals(byPosition.get(0).object));
    }

    /** Removes the entry at {@code position} whatever its count (a settler that has served). */
    void remove(long position) {
        Entry e = byPosition.remove(position);
        if (e != null && e.key != null) {
            byObject.remove(e.key);
        }
    }

    /**
     * The peer dropped {@code delta} of the references we sent for {@code position}; frees the
     * entry when all are dropped. An export already gone (a settler that has served) is
     * ignored: positions are never reused. False if the delta is impossible.
     */
    boolean release(long position, long delta) {
        Entry e = byPosition.get(position);
        if (e == null) {
            return position != 0 && delta >= 1;
        }
        if (position == 0 || delta < 1 || delta > e.sent) {
            return false;
        }
        e.sent -= delta;
        if (e.sent == 0) {
            remove(position);
        }
        return true;
    }

    /** Every settler still waiting for the peer. */
    List<Settler> settlers() {
        return byPosition.values().stream()
                .map(e -> e.object)
                .filter(o -> o instanceof Settler)
                .map(o -> (Settler) o)
                .toList();
    }

    /** Forgets every export but the bootstrap object: the peer that could name them is gone. */
    void clear() {
        Entry bootstrap = byPosition.get(0);
        byPosition.clear();
        byObject.clear();
        byPosition.put(0, bootstrap);
    }

    int size() {
        return byPosition.size();
    }
}
