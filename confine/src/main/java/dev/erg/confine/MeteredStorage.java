package dev.erg.confine;

import dev.erg.confine.meter.Meter;
import java.util.List;

/**
 * A confined vat's view of its {@link Storage}: each call charged to the vat's meter,
 * {@value #CALL_COST} computrons and one a char of the keys and values it reads or writes,
 * since the store's work is the host's and not metered otherwise.
 */
final class MeteredStorage implements Storage {

    static final long CALL_COST = 100;

    private final Storage storage;
    private final Meter meter;

    MeteredStorage(Storage storage, Meter meter) {
        this.storage = storage;
        this.meter = meter;
    }

    @Override
    public String get(String key) {
        meter.charge(CALL_COST + length(key));
        String value = storage.get(key);
        meter.charge(length(value));
        return value;
    }

    @Override
    public void put(String key, String value) {
        meter.charge(CALL_COST + length(key) + length(value));
        storage.put(key, value);
    }

    @Override
    public boolean remove(String key) {
        meter.charge(CALL_COST + length(key));
        return storage.remove(key);
    }

    @Override
    public List<String> keys() {
        meter.charge(CALL_COST);
        List<String> keys = storage.keys();
        meter.charge(keys.stream().mapToLong(MeteredStorage::length).sum() + keys.size());
        return keys;
    }

    @Override
    public long used() {
        meter.charge(CALL_COST);
        return storage.used();
    }

    @Override
    public long quota() {
        meter.charge(CALL_COST);
        return storage.quota();
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }
}
