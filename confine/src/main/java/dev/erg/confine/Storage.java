package dev.erg.confine;

import java.util.List;

/**
 * A small key-value store a host may hand a confined vat ({@link Endowments#storage()}): text
 * under text keys, within a quota of bytes. A write that would take the store beyond its quota
 * fails with a {@link dev.erg.vat.ProblemException} of kind {@value #FULL} and changes nothing.
 * Keys and values are data only, so a vat cannot hide a reference in it.
 *
 * <p>Bundles may call it but not implement it. Hosts make one with {@link #inMemory}; it
 * outlives the vats it is handed to, so a host may hand the same store to a vat's successor.
 */
public interface Storage {

    /** Kind of the problem of a write beyond the quota. */
    String FULL = "StorageFull";
    /** The longest key, in chars. */
    int MAX_KEY_CHARS = 256;
    /** Bytes each entry counts beyond its key's and value's UTF-8 bytes. */
    int ENTRY_BYTES = 32;

    /** An empty store in memory that may hold {@code quota} bytes; thread-safe. */
    static Storage inMemory(long quota) {
        return new MemoryStorage(quota);
    }

    /** The value stored under {@code key}, or null if there is none. */
    String get(String key);

    /**
     * Stores {@code value} under {@code key}, replacing what was there.
     *
     * @throws dev.erg.vat.ProblemException of kind {@value #FULL} if the store would hold more than its quota
     * @throws IllegalArgumentException     if the key is empty or longer than {@value #MAX_KEY_CHARS}, or either is null
     */
    void put(String key, String value);

    /** Removes what is stored under {@code key}; answers whether there was something. */
    boolean remove(String key);

    /** The keys stored, sorted. */
    List<String> keys();

    /** Bytes used: each entry's key and value in UTF-8, and {@value #ENTRY_BYTES} more. */
    long used();

    /** The most bytes it may hold. */
    long quota();
}
