package dev.erg.net;

import static dev.erg.wire.codec.ByteMutations.delete;
import static dev.erg.wire.codec.ByteMutations.editHead;
import static dev.erg.wire.codec.ByteMutations.flipBit;
import static dev.erg.wire.codec.ByteMutations.insert;
import static dev.erg.wire.codec.ByteMutations.randomBytes;
import static dev.erg.wire.codec.ByteMutations.setByte;
import static dev.erg.wire.codec.ByteMutations.truncate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.erg.net.link.Link;
import dev.erg.net.link.LinkHandler;
import dev.erg.net.link.Transport;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.FrameDecoder;
import dev.erg.wire.codec.Message;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.codec.ProtocolError;
import dev.erg.wire.codec.ProtocolException;
import dev.erg.wire.codec.ReferenceDecoder;
import dev.erg.wire.codec.WireCodec;
import dev.erg.wire.codec.Unreadable;
import dev.erg.wire.WireLimits;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Feeds seeded random and mutated frames to live sessions of a {@link Transport} listening on
 * loopback, over real TLS. Every session sends many valid frames (through {@link Link#send},
 * through the framer, or below it in pieces), then one bad part: a mutated payload framed by
 * the real framer, or bytes written below the framer with a bogus length header. Because a bad
 * frame ends its session, the test runs many short sessions.
 *
 * <p>An oracle — a codec with the server's registry and limits, and a model of the framer —
 * predicts exactly what the server makes of the bad part: which frames it still delivers and
 * the reason it closes with. When the bad part leaves a frame incomplete, or turns out valid,
 * the test completes or follows it with more bytes until the oracle predicts an end. For every
 * session it asserts:
 * <ul>
 *   <li>the server delivered every valid frame intact and in order, and nothing else;
 *   <li>the server closed the session with exactly the predicted reason, which starts with a
 *       wire error code or {@code protocol:} (or {@code peer aborted:} when the bad part turned
 *       out to be a valid abort), and the client learnt {@code peer aborted: <that reason>};
 *   <li>both ends of the connection are closed;
 *   <li>a long-lived good session on the same server still delivers a ping, both ways.
 * </ul>
 * Over the whole run: no exception reaches a thread's uncaught-exception handler or Netty's log
 * (the tail of a pipeline, a failed task, a leaked buffer — leak detection runs at
 * {@code PARANOID}), the server still accepts new sessions, and heap, Netty's buffer memory and
 * open file descriptors grow no more than a generous bound.
 *
 * <p>Runs {@value #DEFAULT_SESSIONS} sessions of about {@value #DEFAULT_FRAMES} valid frames by
 * default; {@code -Derg.fuzz.live.sessions=N} and {@code -Derg.fuzz.live.frames=N} run more,
 * {@code -Derg.fuzz.seed=S} another seed, {@code -Derg.fuzz.live.only=I} only session I.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LiveSessionFuzzTest {

    private static final int DEFAULT_SESSIONS = 300;
    private static final int DEFAULT_FRAMES = 340;
    private static final long SEED = Long.getLong("erg.fuzz.seed", 0x11fe_5eedL);
    private static final int SESSIONS = Integer.getInteger("erg.fuzz.live.sessions", DEFAULT_SESSIONS);
    private static final int FRAMES = Integer.getInteger("erg.fuzz.live.frames", DEFAULT_FRAMES);
    private static final int ONLY = Integer.getInteger("erg.fuzz.live.only", -1);
    private static final long WAIT_SECONDS = 10;
    private static final HexFormat HEX = HexFormat.of();

    /** Tight limits, so that mutated lengths and counts often hit one. */
    static final WireLimits SERVER_LIMITS = WireLimits.builder()
            .maxFrameBytes(8192)
            .maxDepth(12)
            .maxCollectionLength(64)
            .maxStringBytes(1024)
            .maxBytesLength(1024)
            .maxTotalValues(1024)
            .maxBigIntegerBytes(32)
            .build();

    private static final List<String> CODES = Arrays.stream(ProtocolError.values())
            .map(error -> error.code() + ":")
            .toList();

    /** What the server's session does with its frames, computed without it. */
    private final WireCodec oracle = new WireCodec(RandomMessages.REGISTRY, SERVER_LIMITS);
    /** How many sessions ended for each kind of reason, for the summary line. */
    private final java.util.Map<String, Integer> endings = new java.util.TreeMap<>();

    @Test
    void liveSessionsSurviveRandomAndMutatedFrames() throws Exception {
        NettyWatch watch = NettyWatch.start();
        Transport server = null;
        Transport client = null;
        long started = System.nanoTime();
        long framesFed = 0;
        int sessions = 0;
        Footprint before = null;
        Footprint after = null;
        try {
            server = Transport.start(Peers.identity(11), NetConfig.defaults().withLimits(SERVER_LIMITS).withHeartbeat(Duration.ZERO),
                    RandomMessages.REGISTRY);
            // No keep-alives: the oracle predicts every message each side receives.
            client = Transport.start(Peers.identity(12), NetConfig.defaults().withHeartbeat(Duration.ZERO), RandomMessages.REGISTRY);
            BlockingQueue<Side> accepted = new LinkedBlockingQueue<>();
            InetSocketAddress at = server.listen(Peers.LOOPBACK_ANY_PORT, link -> {
                Side side = new Side(link);
                accepted.add(side);
                return side;
            });

            Side goodClient = new Side(null);
            Link good = client.connect(server.vatId(), at, goodClient).get(WAIT_SECONDS, TimeUnit.SECONDS);
            Side goodServer = take(accepted, "the good session's server side");
            ping(good, goodServer, -1);

            before = Footprint.now();
            for (int session = 0; session < SESSIONS; session++) {
                if (ONLY >= 0 && session != ONLY) {
                    continue;
                }
                framesFed += fuzzOneSession(session, client, server, at, accepted);
                sessions++;
                ping(good, goodServer, session);
                if (session % 16 == 0) {
                    ping(goodServer.link, goodClient, session);
                }
            }
            after = Footprint.now();

            assertThat(good.isOpen()).as("seed %d: the good session is still open", SEED).isTrue();
            assertThat(goodServer.closed).as("seed %d: the good session's server side", SEED).isNotDone();
            // The server still accepts and serves a new session.
            Side last = new Side(null);
            Link fresh = client.connect(server.vatId(), at, last).get(WAIT_SECONDS, TimeUnit.SECONDS);
            ping(fresh, take(accepted, "a last session"), SESSIONS);
            assertThat(accepted).as("seed %d: sessions accepted but not accounted for", SEED).isEmpty();

            before.assertBounded(after, SEED);
            watch.assertNone("seed " + SEED);
        } finally {
            watch.close();
            if (client != null) {
                client.close();
            }
            if (server != null) {
                server.close();
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("LiveSessionFuzzTest: seed %d, %d sessions, %d frames fed to live sessions in %d ms; "
                + "endings %s; footprint before %s, after %s%n", SEED, sessions, framesFed, millis, endings, before, after);
        assertThat(framesFed).as("frames fed").isGreaterThanOrEqualTo((long) sessions);
    }

    /** Runs session {@code session}; returns the number of frames it fed to the server. */
    private long fuzzOneSession(int session, Transport client, Transport server, InetSocketAddress at,
                                BlockingQueue<Side> accepted) throws Exception {
        long seed = SEED * 1_000_003L + session;
        String where = "seed " + SEED + ", session " + session + " (replay: -Derg.fuzz.seed=" + SEED
                + " -Derg.fuzz.live.only=" + session + ")";
        Random random = new Random(seed);
        RandomMessages messages = new RandomMessages(random);

        Side clientSide = new Side(null);
        Link link = client.connect(server.vatId(), at, clientSide).get(WAIT_SECONDS, TimeUnit.SECONDS);
        Side serverSide = take(accepted, where + ": the server side");

        List<Message> expected = new ArrayList<>();
        List<byte[]> corpus = new ArrayList<>();
        int valid = 1 + random.nextInt(2 * FRAMES);
        for (int i = 0; i < valid; i++) {
            Message message;
            byte[] payload;
            do {
                message = messages.message();
                payload = encodeOrNull(message);
            } while (payload == null);
            expected.add(message);
            if (corpus.size() < 32) {
                corpus.add(payload);
            }
            switch (random.nextInt(32)) {
                case 0 -> {
                    afterQueuedSends(link);
                    link.channel().writeAndFlush(Peers.frame(payload));
                }
                case 1 -> writeInPieces(link, random, frame(payload));
                default -> link.send(message, RandomMessages.PASS);
            }
        }
        for (int i = 0; i < 4; i++) {
            byte[] payload = encodeOrNull(messages.anyMessage());
            if (payload != null) {
                corpus.add(payload);
            }
        }

        // The bad part, then whatever it takes for the oracle to predict the session's end.
        int kind = random.nextInt(20);
        boolean framed = kind < 13;
        byte[] bad = kind < 2 ? special(random, messages)
                : framed ? Mutations.mutate(random, corpus)
                : Mutations.bogusHeader(random, corpus, SERVER_LIMITS.maxFrameBytes());
        String badKind = kind < 2 ? "special payload" : framed ? "framed payload" : "raw bytes below the framer";
        if (framed) {
            afterQueuedSends(link);
            link.channel().writeAndFlush(Peers.frame(bad));
        } else {
            writeInPieces(link, random, bad);
        }
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(framed ? frame(bad) : bad);
        Outcome outcome = predict(stream.toByteArray());
        for (int round = 0; outcome.serverReason == null; round++) {
            if (round == 4) {
                fail("%s: the oracle predicts no end after %d rounds of padding, stream %s", where, round,
                        HEX.formatHex(stream.toByteArray()));
            }
            byte[] more = outcome.needed < 0 ? frame(new byte[] {0x18, 0x20}) // type-mismatch: a bare integer
                    : padding(outcome);
            writeInPieces(link, random, more);
            stream.writeBytes(more);
            outcome = predict(stream.toByteArray());
        }
        expected.addAll(outcome.delivered);
        String context = where + ", " + valid + " valid frames, then " + badKind + " " + HEX.formatHex(bad)
                + ", stream after the valid frames " + HEX.formatHex(stream.toByteArray());

        String serverReason = await(serverSide.closed, context + ": the server side's close");
        assertThat(serverReason).as("%s: the server's reason", context).isEqualTo(outcome.serverReason);
        if (outcome.invalid) {
            assertThat(CODES.stream().anyMatch(serverReason::startsWith) || serverReason.startsWith("protocol:"))
                    .as("%s: the server's reason %s starts with a wire error code or protocol:", context, serverReason)
                    .isTrue();
        } else {
            assertThat(serverReason).as(context).startsWith("peer aborted: ");
        }
        endings.merge(serverReason.substring(0, serverReason.indexOf(':')) + (outcome.delivered.isEmpty() ? "" : " after a valid mutant"),
                1, Integer::sum);
        String clientReason = await(clientSide.closed, context + ": the client side's close");
        assertThat(clientReason).as("%s: the client's reason", context).isEqualTo(outcome.clientReason);

        List<Message> received = serverSide.received;
        if (received.size() != expected.size()) {
            fail("%s: the server delivered %d messages, expected %d", context, received.size(), expected.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            Message sent = expected.get(i);
            Message got = received.get(i);
            if (!RandomMessages.normalized(sent).equals(RandomMessages.normalized(got))
                    || !unreadableArguments(got)
                    && !Arrays.equals(oracle.encode(sent, RandomMessages.PASS), oracle.encode(got, RandomMessages.PASS))) {
                fail("%s: message %d arrived as %s, sent as %s", context, i, got, sent);
            }
        }
        assertThat(serverSide.link.channel().closeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS))
                .as("%s: the server's connection closed", context).isTrue();
        assertThat(link.channel().closeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS))
                .as("%s: the client's connection closed", context).isTrue();
        assertThat(link.isOpen()).isFalse();
        return valid + outcome.frames;
    }

    /**
     * What the server will make of {@code stream}, the bytes it receives after the last valid
     * frame: it splits them as {@link FrameDecoder} does and decodes each frame as the session
     * does, until one ends the session.
     */
    private Outcome predict(byte[] stream) {
        Outcome outcome = new Outcome();
        int at = 0;
        int max = SERVER_LIMITS.maxFrameBytes();
        while (true) {
            if (stream.length - at < FrameDecoder.HEADER_BYTES) {
                outcome.needed = stream.length == at ? -1 : 0;
                outcome.headerBytes = stream.length - at;
                return outcome;
            }
            long length = Integer.toUnsignedLong((stream[at] & 0xff) << 24 | (stream[at + 1] & 0xff) << 16
                    | (stream[at + 2] & 0xff) << 8 | stream[at + 3] & 0xff);
            if (length > max) {
                outcome.frames++;
                return outcome.abort("limit: frame length: " + length + " (expected: <= " + max + ")");
            }
            if (stream.length - at - FrameDecoder.HEADER_BYTES < length) {
                outcome.needed = (int) (length - (stream.length - at - FrameDecoder.HEADER_BYTES));
                outcome.headerBytes = FrameDecoder.HEADER_BYTES;
                return outcome;
            }
            byte[] payload = Arrays.copyOfRange(stream, at + FrameDecoder.HEADER_BYTES, at + FrameDecoder.HEADER_BYTES + (int) length);
            at += FrameDecoder.HEADER_BYTES + (int) length;
            outcome.frames++;
            Message message;
            try {
                message = oracle.decode(payload, RandomMessages.KEEP);
            } catch (ProtocolException e) {
                return outcome.abort(e.abortReason());
            }
            switch (message) {
                case Message.Abort abort -> {
                    outcome.serverReason = "peer aborted: " + abort.reason();
                    outcome.clientReason = "connection closed by peer";
                    return outcome;
                }
                case Message.StartSession again -> {
                    return outcome.abort("protocol: start-session sent twice");
                }
                default -> outcome.delivered.add(message);
            }
        }
    }

    /**
     * A payload for a rule random mutation rarely breaks, or a valid message the session must
     * not pass on: a second start-session, an abort, a map with a duplicate key, an integer
     * with a wider head than it needs.
     */
    private byte[] special(Random random, RandomMessages messages) {
        return switch (random.nextInt(4)) {
            case 0 -> oracle.encode(new Message.StartSession(Message.StartSession.PROTOCOL_VERSION,
                    dev.erg.wire.codec.Bytes.of(new byte[32]), List.of()), RandomMessages.PASS);
            case 1 -> oracle.encode(new Message.Abort(messages.text(20)), RandomMessages.PASS);
            case 2 -> {
                // ... a2 61 61 01 61 62 02: {"a": 1, "b": 2} becomes {"a": 1, "a": 2}.
                byte[] bytes = oracle.encode(new Message.DeliverOnly(new Descriptor.Export(0), "m",
                        List.of(java.util.Map.of("a", 1L, "b", 2L))), RandomMessages.PASS);
                bytes[bytes.length - 2] = 0x61;
                yield bytes;
            }
            default -> {
                // ... 81 05: the argument 5 written as 18 05.
                byte[] bytes = oracle.encode(new Message.DeliverOnly(new Descriptor.Export(0), "m", List.of(5L)),
                        RandomMessages.PASS);
                byte[] wide = Arrays.copyOf(bytes, bytes.length + 1);
                wide[bytes.length - 1] = 0x18;
                wide[bytes.length] = 0x05;
                yield wide;
            }
        };
    }

    /** Bytes that complete the frame the server is waiting for: zeros for a header, 0xff for a payload. */
    private static byte[] padding(Outcome outcome) {
        if (outcome.headerBytes < FrameDecoder.HEADER_BYTES) {
            return new byte[FrameDecoder.HEADER_BYTES - outcome.headerBytes];
        }
        byte[] payload = new byte[outcome.needed];
        Arrays.fill(payload, (byte) 0xff);
        return payload;
    }

    private static final class Outcome {
        final List<Message> delivered = new ArrayList<>();
        String serverReason;
        String clientReason;
        boolean invalid;
        /** Frames the server reads whole (or whose header it rejects). */
        int frames;
        /** Payload bytes still missing; 0 while a header is incomplete; -1 if nothing is pending. */
        int needed;
        int headerBytes;

        Outcome abort(String reason) {
            serverReason = reason;
            clientReason = "peer aborted: " + reason;
            invalid = true;
            return this;
        }
    }

    private byte[] encodeOrNull(Message message) {
        try {
            return oracle.encode(message, RandomMessages.PASS);
        } catch (NotPassableException beyondTheLimits) {
            return null;
        }
    }

    private static byte[] frame(byte[] payload) {
        byte[] frame = new byte[FrameDecoder.HEADER_BYTES + payload.length];
        frame[0] = (byte) (payload.length >>> 24);
        frame[1] = (byte) (payload.length >>> 16);
        frame[2] = (byte) (payload.length >>> 8);
        frame[3] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, FrameDecoder.HEADER_BYTES, payload.length);
        return frame;
    }

    /**
     * Waits until the frames queued by {@link Link#send} have been written: it batches them in
     * an event-loop task, which a write made straight to the channel could otherwise overtake.
     */
    private static void afterQueuedSends(Link link) {
        link.channel().eventLoop().submit(() -> { }).syncUninterruptibly();
    }

    /** Writes {@code bytes} below the framer, in 1 to 3 pieces, each flushed on its own. */
    private static void writeInPieces(Link link, Random random, byte[] bytes) {
        afterQueuedSends(link);
        var frames = link.channel().pipeline().context("frames");
        int pieces = 1 + random.nextInt(3);
        int at = 0;
        for (int i = 1; i <= pieces; i++) {
            int end = i == pieces ? bytes.length : at + random.nextInt(bytes.length - at + 1);
            if (end > at) {
                frames.writeAndFlush(Unpooled.wrappedBuffer(bytes, at, end - at));
            }
            at = end;
        }
    }

    /** Sends a ping over {@code link} and waits for {@code receiver} to get it. */
    private static void ping(Link link, Side receiver, int session) throws InterruptedException {
        Message ping = new Message.DeliverOnly(new Descriptor.Export(0), "ping", List.of((long) session));
        link.send(ping, RandomMessages.PASS);
        Message got = receiver.queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(got).as("seed %d: the good session's ping after session %d (link %s, closed: %s)", SEED, session,
                link, receiver.closed.getNow(null)).isEqualTo(ping);
    }

    private static Side take(BlockingQueue<Side> accepted, String what) throws InterruptedException {
        Side side = accepted.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (side == null) {
            fail("%s: no session accepted within %d s", what, WAIT_SECONDS);
        }
        return side;
    }

    private static String await(CompletableFuture<String> closed, String what) throws Exception {
        try {
            return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + ": not within " + WAIT_SECONDS + " s", e);
        }
    }

    /**
     * One end of a session: records what arrives, in a list read once the session has closed
     * and in a queue to wait on, and why it closed.
     */
    private static final class Side implements LinkHandler {
        final Link link;
        final List<Message> received = new ArrayList<>();
        final BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();

        Side(Link link) {
            this.link = link;
        }

        @Override
        public ReferenceDecoder references() {
            return RandomMessages.KEEP;
        }

        @Override
        public void received(Link from, Message message) {
            received.add(message);
            queue.add(message);
        }

        @Override
        public void closed(Link from, String reason) {
            closed.complete(reason);
        }
    }

    /**
     * Heap, Netty buffer memory and file descriptors in use, measured after a collection.
     */
    private record Footprint(long heap, long nettyBuffers, long fileDescriptors) {
        private static final long MAX_HEAP_GROWTH = 64L << 20;
        private static final long MAX_BUFFER_GROWTH = 64L << 20;
        private static final long MAX_FD_GROWTH = 64;

        static Footprint now() throws InterruptedException {
            Runtime runtime = Runtime.getRuntime();
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(20);
            }
            long buffers = -1;
            if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
                ByteBufAllocatorMetric metric = provider.metric();
                buffers = metric.usedHeapMemory() + metric.usedDirectMemory();
            }
            long fds = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                    ? unix.getOpenFileDescriptorCount() : -1;
            return new Footprint(runtime.totalMemory() - runtime.freeMemory(), buffers, fds);
        }

        void assertBounded(Footprint after, long seed) {
            assertThat(after.heap - heap).as("seed %d: heap growth over the run, in bytes (%s -> %s)", seed, this, after)
                    .isLessThan(MAX_HEAP_GROWTH);
            if (nettyBuffers >= 0) {
                assertThat(after.nettyBuffers - nettyBuffers)
                        .as("seed %d: Netty buffer memory growth over the run (%s -> %s)", seed, this, after)
                        .isLessThan(MAX_BUFFER_GROWTH);
            }
            if (fileDescriptors >= 0) {
                assertThat(after.fileDescriptors - fileDescriptors)
                        .as("seed %d: open file descriptors growth over the run (%s -> %s)", seed, this, after)
                        .isLessThan(MAX_FD_GROWTH);
            }
        }
    }

    /** Ways to spoil a valid payload, and bogus headers to write below the framer. */
    static final class Mutations {

        private Mutations() {
        }

        static byte[] mutate(Random random, List<byte[]> corpus) {
            byte[] bytes = corpus.get(random.nextInt(corpus.size())).clone();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                bytes = switch (random.nextInt(11)) {
                    case 0, 1 -> flipBit(random, bytes);
                    case 2 -> truncate(random, bytes);
                    case 3 -> editHead(random, bytes);
                    case 4 -> setByte(random, bytes);
                    case 5 -> insert(random, bytes, randomBytes(random, 1 + random.nextInt(8)));
                    case 6 -> delete(random, bytes);
                    case 7 -> insert(random, bytes, corpus.get(random.nextInt(corpus.size())));
                    case 8 -> insert(random, bytes, new byte[] {(byte) 0xd9, (byte) 0xa0, (byte) random.nextInt(12)});
                    case 9 -> concat(bytes, corpus.get(random.nextInt(corpus.size())));
                    default -> randomBytes(random, random.nextInt(64));
                };
            }
            return bytes;
        }

        /**
         * Raw bytes for below the framer: a frame whose header lies about its payload (too
         * long for the limit, shorter or longer than what follows), a lone partial header, or
         * a valid frame followed by garbage.
         */
        static byte[] bogusHeader(Random random, List<byte[]> corpus, int maxFrameBytes) {
            byte[] payload = corpus.get(random.nextInt(corpus.size()));
            if (random.nextBoolean()) {
                payload = mutate(random, corpus);
            }
            long length = switch (random.nextInt(7)) {
                case 0 -> maxFrameBytes + 1L + random.nextInt(1 << 20);
                case 1 -> 0xffff_ffffL - random.nextInt(256);
                case 2 -> payload.length == 0 ? 0 : random.nextInt(payload.length);
                case 3 -> payload.length + 1L + random.nextInt(64);
                case 4 -> 0;
                case 5 -> random.nextInt(maxFrameBytes + 1);
                default -> payload.length;
            };
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] header = {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
            int cut = random.nextInt(8);
            if (cut == 0) {
                out.write(header, 0, 1 + random.nextInt(3));
                return out.toByteArray();
            }
            out.writeBytes(header);
            out.writeBytes(cut == 1 ? Arrays.copyOf(payload, random.nextInt(payload.length + 1)) : payload);
            if (random.nextInt(4) == 0) {
                out.writeBytes(randomBytes(random, 1 + random.nextInt(16)));
            }
            return out.toByteArray();
        }
        private static byte[] concat(byte[] a, byte[] b) {
            byte[] result = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, result, a.length, b.length);
            return result;
        }
    }

    /** Whether a message was read with arguments the receiver could not make sense of, which cannot be encoded again. */
    private static boolean unreadableArguments(Message message) {
        return switch (message) {
            case Message.Deliver d -> Unreadable.in(d.args()) != null;
            case Message.DeliverOnly d -> Unreadable.in(d.args()) != null;
            default -> false;
        };
    }
}
