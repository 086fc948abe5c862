package dev.erg.stream;

/**
 * How much a reader lets its writer send ahead of what it has consumed: a window of items and
 * of bytes that starts at {@code items} and {@code bytes} and doubles, up to {@code maxItems}
 * and {@code maxBytes}, each time the reader is left waiting by a writer that had used all its
 * credit (the window was smaller than what the link holds in one round trip). What the reader
 * holds unread never exceeds the window (plus one item, so that an item larger than the
 * window can pass), so a slow reader slows its writer instead of growing its memory.
 *
 * <p>Bytes are the items' {@linkplain StreamWriter weight}: the lengths of the byte arrays and
 * strings in them, and 8 for every other value.
 *
 * @param items    the first window, in items (at least 1)
 * @param bytes    the first window, in bytes (at least 1)
 * @param maxItems the largest window, in items (at least {@code items})
 * @param maxBytes the largest window, in bytes (at least {@code bytes})
 */
public record Window(int items, long bytes, int maxItems, long maxBytes) {

    /*
     * The largest default window is what one stream needs on a fast link, not more: the window
     * grows whenever the reader runs dry behind a waiting writer, which also happens when many
     * streams share a link and queue behind each other, and larger windows then only lengthen
     * the queue (1,000 streams grown to 16,384 items shared the link ×4 apart, StreamCompare).
     */
    private static final Window DEFAULTS = new Window(64, 256 * 1024, 1_024, 8L * 1024 * 1024);

    /** @throws IllegalArgumentException if a bound is below 1 or a largest below its first */
    public Window {
        if (items < 1 || bytes < 1) {
            throw new IllegalArgumentException("a window of " + items + " items and " + bytes
                    + " bytes (expected: at least 1 of each)");
        }
        if (maxItems < items || maxBytes < bytes) {
            throw new IllegalArgumentException("a window growing to " + maxItems + " items and " + maxBytes
                    + " bytes from " + items + " and " + bytes + " (expected: no smaller than where it starts)");
        }
    }

    /** 64 items and 256 KiB at first, growing to 1,024 items and 8 MiB. */
    public static Window defaults() {
        return DEFAULTS;
    }

    /** A window that stays at {@code items} and {@code bytes}. */
    public static Window fixed(int items, long bytes) {
        return new Window(items, bytes, items, bytes);
    }
}
