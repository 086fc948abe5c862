package dev.erg.server.durable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alarms of one store: those not yet acknowledged in memory, every one in the store. An
 * alarm raised or acknowledged is written with the engine's next commit; until then, and for
 * good once another server has claimed the store, it lives in memory only. No alarm is dropped:
 * an alarm about a subject that has one unacknowledged counts as a repeat of it, so their
 * number is bounded by the subjects (streams, the store) rather than by what peers send.
 */
final class Alarms {

    /** Unacknowledged, by id. */
    private final Map<Long, Alarm> open = new LinkedHashMap<>();
    /** Raised, repeated or acknowledged since the last write, by id. */
    private final Map<Long, Alarm> unwritten = new LinkedHashMap<>();
    private long nextId = 1;

    /** Takes in the unacknowledged alarms of the store, and numbers new ones after {@code lastId}. */
    synchronized void load(Collection<Alarm> stored, long lastId) {
        for (Alarm alarm : stored) {
            if (!alarm.isAcknowledged()) {
                open.putIfAbsent(alarm.id(), alarm);
            }
        }
        nextId = Math.max(nextId, lastId + 1);
    }

    /** Raises an alarm about {@code subject}, or counts a repeat of the unacknowledged one about it. */
    synchronized void raise(String subject, String what) {
        Alarm alarm = null;
        for (Alarm existing : open.values()) {
            if (existing.subject().equals(subject)) {
                alarm = new Alarm(existing.id(), subject, existing.raised(), what, existing.repeats() + 1, "");
                break;
            }
        }
        if (alarm == null) {
            alarm = new Alarm(nextId++, subject, Instant.now().toString(), what, 0, "");
        }
        open.put(alarm.id(), alarm);
        unwritten.put(alarm.id(), alarm);
    }

    /** Acknowledges alarm {@code id}; answers whether it was unacknowledged. */
    synchronized boolean acknowledge(long id) {
        Alarm alarm = open.remove(id);
        if (alarm == null) {
            return false;
        }
        Alarm acknowledged = new Alarm(id, alarm.subject(), alarm.raised(), alarm.what(), alarm.repeats(),
                Instant.now().toString());
        unwritten.put(id, acknowledged);
        return true;
    }

    /** The unacknowledged alarms, oldest first. */
    synchronized List<Alarm> open() {
        return List.copyOf(open.values());
    }

    /** What the next commit should write. */
    synchronized List<Alarm> unwritten() {
        return List.copyOf(unwritten.values());
    }

    /** {@code written} are in the store now, unless changed again since. */
    synchronized void written(List<Alarm> written) {
        for (Alarm alarm : written) {
            unwritten.remove(alarm.id(), alarm);
        }
    }

    /** {@code stored}, with what is not written yet in place of what it changes, by id. */
    synchronized List<Alarm> merged(List<Alarm> stored) {
        Map<Long, Alarm> all = new LinkedHashMap<>();
        for (Alarm alarm : stored) {
            all.put(alarm.id(), alarm);
        }
        all.putAll(unwritten);
        return new ArrayList<>(all.values());
    }
}
