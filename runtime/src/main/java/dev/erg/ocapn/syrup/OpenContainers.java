package dev.erg.ocapn.syrup;

import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.ProtocolError;
import io.netty.buffer.ByteBuf;

/** The containers a {@link SyrupReader} has open, innermost last: their kinds, item counts and the order of their keys and items. */
final class OpenContainers {

    private final ByteBuf buf;
    private final int start;
    private final int maxCollectionLength;
    private int depth;
    /** Per open container, indexed by depth (slot 0 is the top level): its kind and item count. */
    private final SyrupKind[] kinds;
    private final int[] counts;
    /** Per open dictionary or set: where its current key or item starts, and the previous one. */
    private final int[] itemStarts;
    private final int[] previousStarts;
    private final int[] previousEnds;

    /** Containers of the region of {@code buf} that starts at {@code start}, as deep as {@code limits} allow. */
    OpenContainers(ByteBuf buf, int start, WireLimits limits) {
        this.buf = buf;
        this.start = start;
        this.maxCollectionLength = limits.maxCollectionLength();
        int slots = limits.maxDepth() + 1;
        kinds = new SyrupKind[slots];
        counts = new int[slots];
        itemStarts = new int[slots];
        previousStarts = new int[slots];
        previousEnds = new int[slots];
    }

    /** How many containers are open. */
    int depth() {
        return depth;
    }

    /** The kind of the innermost open container. */
    SyrupKind innermost() {
        return kinds[depth];
    }

    /** How many items the innermost open container held so far, a record's label counting as one. */
    int itemCount() {
        return counts[depth];
    }

    /** Opens a container of {@code kind} inside the innermost one. */
    void open(SyrupKind kind) {
        depth++;
        kinds[depth] = kind;
        counts[depth] = 0;
        previousEnds[depth] = -1;
    }

    /** Closes the innermost container, whose closing byte is at {@code position}, checking a set's last item. */
    void close(int position) {
        if (kinds[depth] == SyrupKind.SET && counts[depth] > 0) {
            checkOrder(itemStarts[depth], position);
        }
        depth--;
    }

    /**
     * Counts the item that starts at {@code position} against the limit of its container, and
     * checks the order of the dictionary key or set item that ends here.
     */
    void item(int position) {
        if (depth == 0) {
            return;
        }
        SyrupKind kind = kinds[depth];
        int index = counts[depth]++;
        int max = maxCollectionLength;
        boolean over = switch (kind) {
            case DICTIONARY -> index / 2 >= max;
            case RECORD -> index > max;
            default -> index >= max;
        };
        if (over) {
            throw failAt(position, ProtocolError.LIMIT_EXCEEDED,
                    kind.description() + (kind == SyrupKind.RECORD ? " with more than " + max + " fields"
                            : " with more than " + max + (kind == SyrupKind.DICTIONARY ? " entries" : " items")),
                    "<= " + max);
        }
        if (kind == SyrupKind.DICTIONARY) {
            if (index % 2 == 1) {
                checkOrder(itemStarts[depth], position);
            } else {
                itemStarts[depth] = position;
            }
        } else if (kind == SyrupKind.SET) {
            if (index > 0) {
                checkOrder(itemStarts[depth], position);
            }
            itemStarts[depth] = position;
        }
    }

    /**
     * The failure of the innermost open container ending at {@code position}, where its caller
     * reads another item, or where it may not end at all.
     */
    SyrupException endTooSoon(int position) {
        SyrupKind kind = kinds[depth];
        if (kind == SyrupKind.RECORD && counts[depth] == 0) {
            return failAt(position, ProtocolError.MALFORMED, "record without a label", "a label before '>'");
        }
        if (kind == SyrupKind.DICTIONARY && counts[depth] % 2 == 1) {
            return failAt(position, ProtocolError.MALFORMED, "dictionary key without a value", "a value before '}'");
        }
        return failAt(position, ProtocolError.TYPE_MISMATCH, "end of " + kind.description(), "another item");
    }

    /** Checks that the key or item from {@code from} to {@code to} sorts after the previous one. */
    private void checkOrder(int from, int to) {
        if (previousEnds[depth] >= 0) {
            int order = compare(previousStarts[depth], previousEnds[depth], from, to);
            String what = kinds[depth] == SyrupKind.DICTIONARY ? "dictionary key" : "set item";
            if (order == 0) {
                throw failAt(from, ProtocolError.DUPLICATE_KEY, "duplicate " + what, null);
            }
            if (order > 0) {
                throw failAt(from, ProtocolError.NON_CANONICAL, what + " out of order",
                        "sorted by their encoded bytes");
            }
        }
        previousStarts[depth] = from;
        previousEnds[depth] = to;
    }

    private int compare(int start1, int end1, int start2, int end2) {
        int common = Math.min(end1 - start1, end2 - start2);
        for (int i = 0; i < common; i++) {
            int difference = buf.getUnsignedByte(start1 + i) - buf.getUnsignedByte(start2 + i);
            if (difference != 0) {
                return difference;
            }
        }
        return (end1 - start1) - (end2 - start2);
    }

    private SyrupException failAt(int index, ProtocolError error, String found, String expected) {
        return new SyrupException(error, index - start, found, expected);
    }
}
