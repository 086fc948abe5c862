package dev.erg.stream;

import java.util.Arrays;

/** A first-in first-out queue of items, each with its weight; grows as needed. */
final class ItemQueue {

    private Object[] items = new Object[16];
    private long[] weights = new long[16];
    private int head;
    private int size;
    private long bytes;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The sum of the queued items' weights. */
    long bytes() {
        return bytes;
    }

    void add(Object item, long weight) {
        if (size == items.length) {
            grow();
        }
        int tail = (head + size) & (items.length - 1);
        items[tail] = item;
        weights[tail] = weight;
        size++;
        bytes += weight;
    }

    /** The weight of the first item. */
    long peekWeight() {
        return weights[head];
    }

    /** Takes the first item; its weight was {@link #peekWeight()}. */
    Object poll() {
        Object item = items[head];
        items[head] = null;
        bytes -= weights[head];
        head = (head + 1) & (items.length - 1);
        size--;
        return item;
    }

    void clear() {
        Arrays.fill(items, null);
        head = 0;
        size = 0;
        bytes = 0;
    }

    private void grow() {
        int n = items.length;
        Object[] moreItems = new Object[n * 2];
        long[] moreWeights = new long[n * 2];
        for (int i = 0; i < size; i++) {
            moreItems[i] = items[(head + i) & (n - 1)];
            moreWeights[i] = weights[(head + i) & (n - 1)];
        }
        items = moreItems;
        weights = moreWeights;
        head = 0;
    }
}
