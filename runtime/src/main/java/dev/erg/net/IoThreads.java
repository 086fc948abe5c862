package dev.erg.net;

import dev.erg.net.link.EventLoops;

/**
 * I/O threads that many {@link Node}s of one process share, so that a process holding
 * thousands of sessions, each from a node of its own, reads and writes them all on a few
 * threads rather than one or more per node. Whoever starts them closes them, after the nodes
 * on them: closing a node closes its connections and leaves the threads to the others.
 *
 * {@snippet :
 * try (IoThreads io = IoThreads.start(2)) {
 *     Node alice = Node.start(aliceIdentity, runtime, NetConfig.defaults(), registry, io);
 *     Node carol = Node.start(carolIdentity, runtime, NetConfig.defaults(), registry, io);
 *     // ...
 *     alice.close();
 *     carol.close();
 * }
 * }
 *
 * <p>A message's first turns in an idle vat run on the I/O thread that read it (ADR 9), so a
 * slow turn delays the other connections on that thread, whichever node they belong to.
 * Thread-safe.
 */
public final class IoThreads implements AutoCloseable {

    private final EventLoops loops;

    private IoThreads(EventLoops loops) {
        this.loops = loops;
    }

    /**
     * {@code threads} I/O threads, started as connections need them.
     *
     * @throws IllegalArgumentException if {@code threads} is less than one
     */
    public static IoThreads start(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
        }
        return new IoThreads(EventLoops.start(threads));
    }

    /**
     * Stops the threads, waiting up to 2 seconds for work already queued; connections of
     * nodes still on them are cut.
     */
    @Override
    public void close() {
        loops.shutdown();
    }

    EventLoops loops() {
        return loops;
    }
}
