package dev.erg.confine;

import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/** A {@link Storage} in memory. */
final class MemoryStorage implements Storage {

    private final long quota;
    private final TreeMap<String, String> entries = new TreeMap<>();
    private long used;

    MemoryStorage(long quota) {
        if (quota < 0) {
            throw new IllegalArgumentException("a storage quota must not be negative: " + quota);
        }
        this.quota = quota;
    }

    @Override
    public synchronized String get(String key) {
        return entries.get(checked(key));
    }

    @Override
    public synchronized void put(String key, String value) {
        Objects.requireNonNull(value, "value");
        String old = entries.get(checked(key));
        long after = used - (old == null ? 0 : size(key, old)) + size(key, value);
        if (after > quota) {
            throw new ProblemException(Problem.of(FULL, "storing %d bytes under \"%s\" would take the storage to %d bytes,"
                    + " beyond its quota of %d; nothing was changed", size(key, value), key, after, quota));
        }
        entries.put(key, value);
        used = after;
    }

    @Override
    public synchronized boolean remove(String key) {
        String old = entries.remove(checked(key));
        if (old == null) {
            return false;
        }
        used -= size(key, old);
        return true;
    }

    @Override
    public synchronized List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public synchronized long used() {
        return used;
    }

    @Override
    public long quota() {
        return quota;
    }

    /** What an entry counts against the quota. */
    static long size(String key, String value) {
        return (long) key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length
                + ENTRY_BYTES;
    }

    private static String checked(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.length() > MAX_KEY_CHARS) {
            throw new IllegalArgumentException("a key has 1 to " + MAX_KEY_CHARS + " chars, not " + key.length());
        }
        return key;
    }
}
