package dev.erg.confine;

/**
 * What a confined vat may spend: computrons (a deterministic count of the bundle's work,
 * bytecode executed with arrays charged by their size), messages and storage.
 *
 * @param perTurn         the most computrons one turn may use; a turn that needs more terminates the vat
 * @param perVat          the most computrons the vat may use in all its turns
 * @param messagesPerTurn the most eventual sends one turn may make; a turn that makes more terminates the vat
 * @param pendingMessages the most messages sent to the vat that may wait in its queue; a send
 *                        beyond that is refused, its answer broken with a
 *                        {@value VatMaker#QUOTA_EXCEEDED} problem, and never queued
 * @param storageBytes    the quota of the vat's {@link Storage}, when the host hands it none of its own
 */
public record Limits(long perTurn, long perVat, int messagesPerTurn, int pendingMessages, long storageBytes) {

    /** Eventual sends one turn may make, unless chosen. */
    public static final int DEFAULT_MESSAGES_PER_TURN = 10_000;
    /** Messages that may wait for a vat, unless chosen. */
    public static final int DEFAULT_PENDING_MESSAGES = 10_000;
    /** Bytes a vat may store, unless chosen: 1 MiB. */
    public static final long DEFAULT_STORAGE_BYTES = 1L << 20;

    /**
     * @throws IllegalArgumentException if a computron or message limit is not positive, or the storage quota negative
     */
    public Limits {
        if (perTurn <= 0 || perVat <= 0) {
            throw new IllegalArgumentException("computron limits must be positive: " + perTurn + ", " + perVat);
        }
        if (messagesPerTurn <= 0 || pendingMessages <= 0) {
            throw new IllegalArgumentException("message limits must be positive: " + messagesPerTurn + " per turn, "
                    + pendingMessages + " pending");
        }
        if (storageBytes < 0) {
            throw new IllegalArgumentException("the storage quota must not be negative: " + storageBytes);
        }
    }

    /** These computron limits, with the default message and storage limits. */
    public Limits(long perTurn, long perVat) {
        this(perTurn, perVat, DEFAULT_MESSAGES_PER_TURN, DEFAULT_PENDING_MESSAGES, DEFAULT_STORAGE_BYTES);
    }

    /**
     * 100 million computrons per turn (SwingSet's per-crank limit), 10 billion per vat;
     * {@value #DEFAULT_MESSAGES_PER_TURN} sends per turn, {@value #DEFAULT_PENDING_MESSAGES}
     * pending messages, 1 MiB of storage.
     */
    public static Limits defaults() {
        return new Limits(100_000_000L, 10_000_000_000L);
    }

    /** These limits with {@code perTurn} and {@code perVat} computrons. */
    public Limits withComputrons(long perTurn, long perVat) {
        return new Limits(perTurn, perVat, messagesPerTurn, pendingMessages, storageBytes);
    }

    /** These limits with {@code perTurn} sends per turn and {@code pending} messages waiting. */
    public Limits withMessages(int perTurn, int pending) {
        return new Limits(this.perTurn, perVat, perTurn, pending, storageBytes);
    }

    /** These limits with a storage quota of {@code bytes}. */
    public Limits withStorageBytes(long bytes) {
        return new Limits(perTurn, perVat, messagesPerTurn, pendingMessages, bytes);
    }
}
