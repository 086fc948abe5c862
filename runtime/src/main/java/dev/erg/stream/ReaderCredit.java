package dev.erg.stream;

/**
 * A reader's account of the credit it grants: what has arrived and been consumed, in items and
 * weight, what the writer may send, and the window, which doubles while the reader runs dry
 * after a batch with which the writer said it was waiting for credit. It does no I/O: the reader asks it whether a
 * batch is within credit and whether a grant is worth a message, and sends what it answers.
 */
final class ReaderCredit {

    private final Window window;
    private int windowItems;
    private long windowBytes;
    private long received;
    private long receivedBytes;
    private long consumed;
    private long consumedBytes;
    private long grantedItems;
    private long grantedBytes;
    private long consumedAtGrant;
    /** Whether the writer said with the last batch that it holds items its credit does not cover. */
    private boolean writerWaiting;

    ReaderCredit(Window window) {
        this.window = window;
        this.windowItems = window.items();
        this.windowBytes = window.bytes();
    }

    /**
     * Why a batch of {@code n} items numbered from {@code first} may not be taken, before its
     * items are looked at; null if it may.
     */
    String refusalOfCount(long first, int n) {
        if (first != received) {
            return "it sent item " + first + " where " + received + " was next";
        }
        if (received + n > grantedItems) {
            return "it sent " + (received + n - grantedItems) + " items beyond its credit";
        }
        return null;
    }

    /**
     * Why a batch of {@code n} items weighing {@code bytes} may not be taken, once they are
     * weighed; null if it may. One item may exceed the credit when nothing else is unread.
     */
    String refusalOfWeight(int n, long bytes) {
        boolean empty = received == consumed;
        if (receivedBytes + bytes > grantedBytes && !(empty && n == 1)) {
            return "it sent " + (receivedBytes + bytes - grantedBytes) + " bytes beyond its credit";
        }
        return null;
    }

    /**
     * Takes a batch the refusals allowed. {@code starved}: the reader's consumer was waiting
     * with nothing to read; if the writer said with the batch before that it was waiting for
     * credit too, the window was too small for the round trip, and grows.
     * {@code writerWaiting}: what the writer says with this batch.
     */
    void arrived(int n, long bytes, boolean starved, boolean writerWaiting) {
        if (starved && received == consumed && this.writerWaiting) {
            windowItems = (int) Math.min(window.maxItems(), 2L * windowItems);
            windowBytes = Math.min(window.maxBytes(), 2 * windowBytes);
        }
        received += n;
        receivedBytes += bytes;
        this.writerWaiting = writerWaiting;
    }

    /** Counts one item of {@code weight} consumed. */
    void consumed(long weight) {
        consumed++;
        consumedBytes += weight;
    }

    /**
     * Raises the grant to a window past what is consumed if that is worth a message (a quarter
     * of the window, or everything received consumed and not yet acknowledged), or if
     * {@code always}.
     *
     * @return whether to send {@link #consumed()}, {@link #itemLimit()} and {@link #byteLimit()}
     */
    boolean grant(boolean always) {
        long items = consumed + windowItems;
        long bytes = consumedBytes + windowBytes;
        boolean worth = always
                || items - grantedItems >= Math.max(1, windowItems / 4)
                || bytes - grantedBytes >= Math.max(1, windowBytes / 4)
                || received == consumed && consumed > consumedAtGrant;
        if (worth) {
            grantedItems = Math.max(grantedItems, items);
            grantedBytes = Math.max(grantedBytes, bytes);
            consumedAtGrant = consumed;
        }
        return worth;
    }

    long received() {
        return received;
    }

    long consumed() {
        return consumed;
    }

    long itemLimit() {
        return grantedItems;
    }

    long byteLimit() {
        return grantedBytes;
    }

    int windowItems() {
        return windowItems;
    }
}
