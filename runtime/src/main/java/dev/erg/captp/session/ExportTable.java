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
        final Object object;
        long sent;

        Entry(Object object) {
            this.object = object;
        }
    }

    private final PositionMap<Entry> byPosition = new PositionMap<>();
    private final Map<Object, Long> byObject = new HashMap<>();
    private long next = 1;

    ExportTable(Object bootstrap) {
        byPosition.put(0, new Entry(bootstrap));
    }

    /** The position of {@code object}, exporting it if new; counts one more reference sent. */
    long export(Object object) {
        Long position = byObject.get(object);
        if (position == null) {
            position = next++;
            byPosition.put(position, new Entry(object));
            byObject.put(object, position);
        }
        byPosition.get(position).sent++;
        return position;
    }

    /** Exports {@code settler}, sent once and never again, at a new position; found by position only. */
    long exportSettler(Settler settler) {
        long position = next++;
        Entry e = new Entry(settler);
        e.sent = 1;
        byPosition.put(position, e);
        return position;
    }

    /** The object at {@code position}, or null. */
    Object get(long position) {
        Entry e = byPosition.get(position);
        return e == null ? null : e.object;
    }

    /** Whether {@code object} is exported here, so that the peer can name it by an export descriptor. */
    boolean holds(Object object) {
        return object != null && (byObject.containsKey(object) || object.equals(byPosition.get(0).object));
    }

    /** Removes the entry at {@code position} whatever its count (a settler that has served). */
    void remove(long position) {
        Entry e = byPosition.remove(position);
        if (e != null && !(e.object instanceof Settler)) {
            byObject.remove(e.object);
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
