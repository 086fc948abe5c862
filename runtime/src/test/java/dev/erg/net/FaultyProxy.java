package dev.erg.net;

import dev.erg.captp.SturdyRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A user-space TCP proxy on loopback for tests: it forwards raw bytes (so TLS passes through
 * untouched) between each accepted connection and a new connection to {@code target}, and can
 * misbehave on demand:
 *
 * <ul>
 * <li>a fixed one-way delay: every chunk read in either direction is written out no earlier
 *     than its arrival time plus the delay, in arrival order;</li>
 * <li>{@link #cut()}: every current connection is reset at once (both of its sockets closed
 *     with {@code SO_LINGER} 0, so both ends see a reset, not an orderly close), and new
 *     connections are reset as soon as they are accepted until {@link #restore()};</li>
 * <li>{@link #dropConnections()}: resets current connections only.</li>
 * </ul>
 *
 * <p>Threads (all daemons, named {@code faulty-proxy-<port>...}): one acceptor, and per
 * connection a reader and a writer in each direction. {@link #close()} stops and joins them
 * all; {@link #liveThreads()} tells whether any is left.
 */
final class FaultyProxy implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;
    private static final byte[] END = new byte[0];

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final String name;
    private final Thread acceptor;
    private final Set<Pair> pairs = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicLong forwarded = new AtomicLong();
    private volatile long delayNanos;
    private boolean cut;
    private volatile boolean closed;

    private FaultyProxy(ServerSocket server, InetSocketAddress target, Duration oneWayDelay) {
        this.server = server;
        this.target = target;
        this.name = "faulty-proxy-" + server.getLocalPort();
        this.delayNanos = oneWayDelay.toNanos();
        this.acceptor = thread(this::acceptLoop, "accept");
        acceptor.start();
    }

    /** A proxy listening on an ephemeral loopback port, forwarding to {@code target}. */
    static FaultyProxy start(InetSocketAddress target, Duration oneWayDelay) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return new FaultyProxy(server, target, oneWayDelay);
    }

    /** The port the proxy listens on. */
    int port() {
        return server.getLocalPort();
    }

    /** {@code ref} with the proxy as its only location hint. */
    SturdyRef route(SturdyRef ref) {
        return new SturdyRef(ref.vatId(),
                List.of(InetSocketAddress.createUnresolved(server.getInetAddress().getHostAddress(), port())), ref.swiss());
    }

    /** Changes the one-way delay for chunks that arrive from now on. */
    void delay(Duration oneWayDelay) {
        delayNanos = oneWayDelay.toNanos();
    }

    /** Connections accepted and forwarded so far (refused ones not counted). */
    int accepted() {
        return accepted.get();
    }

    /** Connections reset on arrival because the proxy was cut. */
    int refused() {
        return refused.get();
    }

    /** Connections currently forwarded. */
    int open() {
        return pairs.size();
    }

    /** Bytes handed to the sockets so far, both directions (counted just before writing). */
    long forwardedBytes() {
        return forwarded.get();
    }

    /** Resets every current connection and refuses (resets) new ones until {@link #restore()}. */
    void cut() {
        List<Pair> victims;
        synchronized (this) {
            cut = true;
            victims = new ArrayList<>(pairs);
        }
        victims.forEach(Pair::reset);
    }

    /** Resets every current connection; new ones are still accepted. */
    void dropConnections() {
        List<Pair> victims;
        synchronized (this) {
            victims = new ArrayList<>(pairs);
        }
        victims.forEach(Pair::reset);
    }

    /** Accepts and forwards new connections again. */
    synchronized void restore() {
        cut = false;
    }

    /** Threads of this proxy still alive; empty after {@link #close()}. */
    List<Thread> liveThreads() {
        return threads.stream().filter(Thread::isAlive).toList();
    }

    /** Stops accepting, resets every connection and joins every thread. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        synchronized (this) {
            cut = true;
        }
        new ArrayList<>(pairs).forEach(Pair::reset);
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Pair pair = null;
            try {
                client.setTcpNoDelay(true);
                synchronized (this) {
                    if (cut) {
                        refused.incrementAndGet();
                        reset(client);
                        continue;
                    }
                }
                Socket upstream = new Socket();
                upstream.setTcpNoDelay(true);
                upstream.connect(new InetSocketAddress(target.getHostString(), target.getPort()), 2_000);
                pair = new Pair(client, upstream);
                pair.prepare();
                synchronized (this) {
                    if (cut) {
                        refused.incrementAndGet();
                        pair.reset();
                        continue;
                    }
                    pairs.add(pair);
                    accepted.incrementAndGet();
                }
                pair.start();
            } catch (IOException e) {
                reset(client);
                if (pair != null) {
                    pair.reset();
                }
            }
        }
    }

    private Thread thread(Runnable body, String role) {
        threads.removeIf(old -> old.getState() == Thread.State.TERMINATED);
        Thread t = new Thread(body, name + "-" + role);
        t.setDaemon(true);
        threads.add(t);
        return t;
    }

    private static void reset(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (SocketException ignored) {
            // Already gone: close anyway.
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }

    /** One proxied connection: the accepted socket and the one dialed to the target. */
    private final class Pair {
        private final Socket client;
        private final Socket upstream;
        private final List<Thread> own = new CopyOnWriteArrayList<>();
        private final AtomicInteger directionsDone = new AtomicInteger();

        Pair(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        /** Makes the threads; {@link #start()} starts them once the pair is registered. */
        void prepare() throws IOException {
            int id = accepted.get() + refused.get();
            pump(client.getInputStream(), upstream, "c" + id + "-to-target");
            pump(upstream.getInputStream(), client, "c" + id + "-to-client");
        }

        void start() {
            own.forEach(Thread::start);
        }

        /** One direction: a reader that stamps chunks with their due time, a writer that waits for it. */
        private void pump(InputStream in, Socket to, String direction) throws IOException {
            OutputStream out = to.getOutputStream();
            BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
            own.add(thread(() -> {
                byte[] buffer = new byte[CHUNK];
                try {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        queue.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + delayNanos));
                    }
                    queue.add(new Chunk(END, System.nanoTime() + delayNanos));
                } catch (IOException e) {
                    reset();
                }
            }, direction + "-read"));
            own.add(thread(() -> {
                try {
                    while (true) {
                        Chunk chunk = queue.take();
                        for (long wait = chunk.due - System.nanoTime(); wait > 0; wait = chunk.due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                            if (Thread.interrupted()) {
                                return;
                            }
                        }
                        if (chunk.bytes == END) {
                            // An orderly close travels as one, after the bytes before it.
                            to.shutdownOutput();
                            if (directionsDone.incrementAndGet() == 2) {
                                close();
                            }
                            return;
                        }
                        forwarded.addAndGet(chunk.bytes.length);
                        out.write(chunk.bytes);
                    }
                } catch (InterruptedException e) {
                    // Reset.
                } catch (IOException e) {
                    reset();
                }
            }, direction + "-write"));
        }

        /** Closes both sockets at once with a reset, dropping whatever is still queued. */
        void reset() {
            FaultyProxy.reset(client);
            FaultyProxy.reset(upstream);
            finish();
        }

        private void close() {
            try {
                client.close();
                upstream.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
            finish();
        }

        private void finish() {
            pairs.remove(this);
            for (Thread t : own) {
                if (t != Thread.currentThread()) {
                    t.interrupt();
                }
            }
        }
    }

    private record Chunk(byte[] bytes, long due) {
    }
}
