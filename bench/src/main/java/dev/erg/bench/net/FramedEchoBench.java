package dev.erg.bench.net;

import dev.erg.crypto.TlsProvider;
import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.link.Link;
import dev.erg.net.link.LinkHandler;
import dev.erg.net.NetConfig;
import dev.erg.net.link.Transport;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.codec.ReferenceEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Framed messages between two processes on loopback: our TLS 1.3 pipeline (with each TLS
 * provider) against plain TCP with the same framing and codec. For each: round-trip p50/p99
 * with one message outstanding, throughput with 1,000 outstanding, and for TLS the time of a
 * full handshake (TLS plus start-session). The echo side runs in its own JVM ({@link EchoPeer}).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.erg.bench.net.FramedEchoBench [seconds]}
 */
public final class FramedEchoBench {

    private static final int OUTSTANDING = 1_000;
    private static final int ROUND_TRIPS = 20_000;
    private static final int HANDSHAKES = 40;

    private FramedEchoBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("erg-bench");
        VatIdentity server = VatIdentity.generate(new SecureRandom());
        Path key = dir.resolve("server.key");
        server.save(key, null);
        VatIdentity client = VatIdentity.generate(new SecureRandom());

        List<String> rows = new ArrayList<>();
        rows.add("| transport | round trip p50 | round trip p99 | throughput, 1,000 outstanding | handshake p50 |");
        rows.add("|---|---|---|---|---|");
        try (Peer tcp = Peer.start("tcp")) {
            try (Echo echo = Echo.tcp(tcp.port)) {
                rows.add(row("plain TCP, same framing and codec", echo, seconds, "–"));
            }
        }
        for (TlsProvider provider : TlsProvider.values()) {
            NetConfig config = NetConfig.defaults().withTlsProvider(provider);
            try (Peer tls = Peer.start("tls", key.toString(), provider.name());
                 Transport transport = Transport.start(client, config, PassableRegistry.empty())) {
                InetSocketAddress at = new InetSocketAddress("127.0.0.1", tls.port);
                String handshake = handshakeMedian(transport, server.vatId(), at);
                try (Echo echo = Echo.tls(transport, server.vatId(), at)) {
                    rows.add(row("TLS 1.3, " + provider, echo, seconds, handshake));
                }
            }
        }
        System.out.println("Framed messages between two JVMs on loopback (" + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores), " + seconds + " s throughput runs:");
        System.out.println();
        rows.forEach(System.out::println);
    }

    private static String row(String name, Echo echo, int seconds, String handshake) throws Exception {
        echo.roundTrips(ROUND_TRIPS);
        long[] rtt = echo.roundTrips(ROUND_TRIPS);
        Arrays.sort(rtt);
        echo.throughput(1);
        double perSecond = echo.throughput(seconds);
        return String.format("| %s | %.0f µs | %.0f µs | %,.0f msg/s | %s |", name,
                rtt[rtt.length / 2] / 1e3, rtt[(int) (rtt.length * 0.99)] / 1e3, perSecond, handshake);
    }

    private static String handshakeMedian(Transport transport, VatId expected, InetSocketAddress at) throws Exception {
        long[] times = new long[HANDSHAKES];
        for (int i = -HANDSHAKES; i < HANDSHAKES; i++) {
            long start = System.nanoTime();
            Link link = transport.connect(expected, at, new Quiet()).get(10, TimeUnit.SECONDS);
            long took = System.nanoTime() - start;
            link.abort("shutdown: benchmark");
            if (i >= 0) {
                times[i] = took;
            }
        }
        Arrays.sort(times);
        return String.format("%.1f ms", times[HANDSHAKES / 2] / 1e6);
    }

    private static Message ping(long n) {
        return new Message.DeliverOnly(new Descriptor.Export(0), "ping", List.of(n));
    }

    private static long sequence(Message m) {
        return (Long) ((Message.DeliverOnly) m).args().getFirst();
    }

    /** A connection to an echo peer, measuring what comes back. */
    private abstract static class Echo implements AutoCloseable {
        private volatile LongConsumer onEcho = n -> { };

        void echoed(long n) {
            onEcho.accept(n);
        }

        static Echo tls(Transport transport, VatId expected, InetSocketAddress at) throws Exception {
            return new TlsEcho(transport, expected, at);
        }

        static Echo tcp(int port) throws Exception {
            MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
            Echo[] self = new Echo[1];
            Channel channel = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(PlainFraming.pipeline((ctx, m) -> self[0].echoed(sequence(m)))).connect("127.0.0.1", port).sync().channel();
            self[0] = new Echo() {
                // Batched as Link batches: one event-loop task and one flush per burst.
                final java.util.Queue<ByteBuf> outbox = new java.util.concurrent.ConcurrentLinkedQueue<>();
                final java.util.concurrent.atomic.AtomicBoolean scheduled = new java.util.concurrent.atomic.AtomicBoolean();

                @Override
                void send(Message m) {
                    ByteBuf out = channel.alloc().buffer();
                    PlainFraming.CODEC.encode(m, ReferenceEncoder.none(), out);
                    outbox.add(out);
                    if (scheduled.compareAndSet(false, true)) {
                        channel.eventLoop().execute(() -> {
                            scheduled.set(false);
                            for (ByteBuf f = outbox.poll(); f != null; f = outbox.poll()) {
                                channel.write(f, channel.voidPromise());
                            }
                            channel.flush();
                        });
                    }
                }

                @Override
                public void close() throws InterruptedException {
                    channel.close().sync();
                    group.shutdownGracefully().sync();
                }
            };
            return self[0];
        }

        abstract void send(Message m);

        /** Sequential round trips, one outstanding; returns each one's nanoseconds. */
        long[] roundTrips(int count) throws InterruptedException {
            long[] took = new long[count];
            AtomicLong last = new AtomicLong(-1);
            Thread waiter = Thread.currentThread();
            onEcho = n -> {
                last.set(n);
                java.util.concurrent.locks.LockSupport.unpark(waiter);
            };
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                send(ping(i));
                while (last.get() != i) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
                took[i] = System.nanoTime() - start;
            }
            return took;
        }

        /** Messages echoed per second with {@value #OUTSTANDING} outstanding. */
        double throughput(int seconds) throws InterruptedException {
            Semaphore window = new Semaphore(OUTSTANDING);
            AtomicLong done = new AtomicLong();
            onEcho = n -> {
                done.incrementAndGet();
                window.release();
            };
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long n = 0;
            while (System.nanoTime() < end) {
                window.acquire();
                send(ping(n++));
            }
            window.acquire(OUTSTANDING);
            return done.get() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** An echo over our TLS transport. */
    private static final class TlsEcho extends Echo implements LinkHandler {
        private final Link link;

        TlsEcho(Transport transport, VatId expected, InetSocketAddress at) throws Exception {
            link = transport.connect(expected, at, this).get(10, TimeUnit.SECONDS);
        }

        @Override
        public void received(Link from, Message message) {
            echoed(sequence(message));
        }

        @Override
        public void closed(Link from, String reason) {
        }

        @Override
        void send(Message m) {
            link.send(m, ReferenceEncoder.none());
        }

        @Override
        public void close() {
            link.abort("shutdown: benchmark");
        }
    }

    private static final class Quiet implements LinkHandler {
        @Override
        public void received(Link from, Message message) {
        }

        @Override
        public void closed(Link from, String reason) {
        }
    }

    /** The echo process. */
    private static final class Peer implements AutoCloseable {
        final Process process;
        final int port;

        private Peer(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Peer start(String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), EchoPeer.class.getName()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("READY ")) {
                process.destroyForcibly();
                throw new IllegalStateException("echo peer did not start: " + line);
            }
            return new Peer(process, Integer.parseInt(line.substring(6).trim()));
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
