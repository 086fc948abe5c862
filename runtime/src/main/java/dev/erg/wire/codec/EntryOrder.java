package dev.erg.wire.codec;

import java.util.Arrays;

/**
 * Puts encoded map entries in the order the deterministic encoding requires: by the bytes of
 * their encoded keys, compared unsigned and lexicographically. Entries are described by
 * {@code bounds}: for entry {@code i}, {@code bounds[3i]} is where it starts,
 * {@code bounds[3i + 1]} where its key ends and its value starts, {@code bounds[3i + 2]} where
 * it ends, all as indexes in the buffer being written.
 */
final class EntryOrder {

    private EntryOrder() {
    }

    /**
     * The order to write the entries in, or {@code null} if they already are in order.
     *
     * @throws PathFailure if two keys encode to the same bytes
     */
    static int[] sort(byte[] buf, int[] bounds, int length) {
        boolean sorted = true;
        for (int i = 1; i < length; i++) {
            int order = compareKeys(buf, bounds, i - 1, i);
            if (order == 0) {
                throw duplicate(i);
            }
            sorted &= order < 0;
        }
        if (sorted) {
            return null;
        }
        int[] order = new int[length];
        for (int i = 0; i < length; i++) {
            order[i] = i;
        }
        mergeSort(buf, bounds, order, new int[length], 0, length);
        for (int i = 1; i < length; i++) {
            if (compareKeys(buf, bounds, order[i - 1], order[i]) == 0) {
                throw duplicate(Math.max(order[i - 1], order[i]));
            }
        }
        return order;
    }

    /** Moves the entries written from {@code base} on into {@code order}. */
    static void rewrite(CborWriter out, int base, int[] bounds, int[] order) {
        byte[] entries = Arrays.copyOfRange(out.array(), base, out.size());
        out.truncate(base);
        for (int entry : order) {
            int start = bounds[3 * entry];
            out.append(entries, start - base, bounds[3 * entry + 2] - start);
        }
    }

    private static void mergeSort(byte[] buf, int[] bounds, int[] order, int[] scratch, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(buf, bounds, order, scratch, from, middle);
        mergeSort(buf, bounds, order, scratch, middle, to);
        System.arraycopy(order, from, scratch, from, to - from);
        int left = from;
        int right = middle;
        for (int i = from; i < to; i++) {
            if (right == to || (left < middle && compareKeys(buf, bounds, scratch[left], scratch[right]) <= 0)) {
                order[i] = scratch[left++];
            } else {
                order[i] = scratch[right++];
            }
        }
    }

    private static int compareKeys(byte[] buf, int[] bounds, int a, int b) {
        return Cbor.compare(buf, bounds[3 * a], bounds[3 * a + 1], bounds[3 * b], bounds[3 * b + 1]);
    }

    private static PathFailure duplicate(int entry) {
        return PathFailure.notPassable("duplicate map key", "keys with distinct encodings")
                .at("{#" + entry + " key}");
    }
}
