package dev.erg.stream;

import dev.erg.vat.Problem;

/**
 * The writing side of one session on a stream: the capability through which the reader grants
 * credit and cancels. Part of the stream protocol ({@code spec/streams.md}); applications use
 * {@link StreamWriter} and {@link StreamReader}, which speak it.
 */
public interface StreamCredit {

    /**
     * The reader has consumed the first {@code consumed} items, and the writer may send items
     * while fewer than {@code itemLimit} have been sent in all and their weight stays within
     * {@code byteLimit} in all (both counted from the start of the stream, so a later grant
     * never takes back an earlier one).
     */
    void credit(long consumed, long itemLimit, long byteLimit);

    /** The reader will take no more items: the writer fails with {@code problem}. */
    void cancel(Problem problem);
}
