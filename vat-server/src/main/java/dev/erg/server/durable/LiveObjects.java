package dev.erg.server.durable;

import java.util.HashMap;
import java.util.Map;

/**
 * The durable objects in memory, by id: each is read from the store when first needed and
 * bound to its kind's code. Confined to the engine's thread; forgotten after a failed commit,
 * when memory may be ahead of the store.
 */
final class LiveObjects {

    private final JdbcStore store;
    private final Map<String, Kind<?, ?>> kinds;
    private final StateCodec codec;
    private final Map<Long, Live> live = new HashMap<>();

    LiveObjects(JdbcStore store, Map<String, Kind<?, ?>> kinds, StateCodec codec) {
        this.store = store;
        this.kinds = kinds;
        this.codec = codec;
    }

    /**
     * The object {@code id}, loaded and bound to its kind's code; null if it is not stored.
     *
     * @throws StoredDataException if its kind is not offered by any code of this build
     */
    Live get(long id) {
        Live found = live.get(id);
        if (found != null) {
            return found;
        }
        StoredObject stored = store.object(id);
        if (stored == null) {
            return null;
        }
        Kind<?, ?> kind = kinds.get(stored.kind());
        if (kind == null) {
            throw new StoredDataException("object " + id + " is of kind " + stored.kind() + ", which no code of this build offers");
        }
        Live loaded = new Live(id, kind, codec.decode(stored.state(), kind.state()));
        live.put(id, loaded);
        return loaded;
    }

    /** Keeps {@code object}, new in this batch, in memory. */
    void put(Live object) {
        live.put(object.id, object);
    }

    void clear() {
        live.clear();
    }
}
