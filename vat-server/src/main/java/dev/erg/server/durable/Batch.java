package dev.erg.server.durable;

import dev.erg.crypto.SwissNumber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What one commit writes: the effects of the turns it holds, net of each other. */
final class Batch {
    final Map<Long, StoredObject> objects = new LinkedHashMap<>();
    final Map<String, Long> roots = new LinkedHashMap<>();
    final List<OutStream> dropped = new ArrayList<>();
    final Set<OutStream> outStreams = new LinkedHashSet<>();
    final List<OutLetter> sent = new ArrayList<>();
    final List<Made> made = new ArrayList<>();
    final List<OutLetter> delivered = new ArrayList<>();
    final Set<InStream> inStreams = new LinkedHashSet<>();
    final Map<String, Map<Long, StoredReceipt>> receipts = new LinkedHashMap<>();
    final List<Alarm> alarms = new ArrayList<>();
    long nextTicket;
    long nextObject;
    /** The turns the store will have committed, ever, with this batch. */
    long turnsThrough;
    int turns;

    boolean isEmpty() {
        return objects.isEmpty() && roots.isEmpty() && made.isEmpty() && dropped.isEmpty() && outStreams.isEmpty() && sent.isEmpty() && delivered.isEmpty()
                && inStreams.isEmpty() && receipts.isEmpty() && alarms.isEmpty();
    }

    /** The id of the object a turn of this batch made that {@code swiss} designates; null if none. */
    Long madeAt(SwissNumber swiss) {
        for (Made m : made) {
            if (m.swiss().equals(swiss)) {
                return m.object().id;
            }
        }
        return null;
    }

    StoredReceipt receipt(String stream, long seq) {
        Map<Long, StoredReceipt> of = receipts.get(stream);
        return of == null ? null : of.get(seq);
    }

    void addReceipt(String stream, long seq, StoredReceipt receipt) {
        receipts.computeIfAbsent(stream, s -> new LinkedHashMap<>()).put(seq, receipt);
    }
}
