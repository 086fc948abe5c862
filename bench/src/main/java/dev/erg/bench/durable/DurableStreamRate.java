package dev.erg.bench.durable;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.server.durable.DurableHost;
import dev.erg.server.durable.DurableStreams;
import dev.erg.server.durable.Kind;
import dev.erg.server.durable.Mailbox;
import dev.erg.server.durable.Self;
import dev.erg.server.durable.Storage;
import dev.erg.server.durable.StreamEvent;
import dev.erg.server.durable.StreamSink;
import dev.erg.server.durable.StreamSource;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Durable streams against durable letters, the path they ride: a source on durable host A sends
 * N items to a sink on durable host B, either as one durable stream (window W) or as N letters
 * ({@code Self.send}), and the sink counts each in a turn of its own. A and B are two stores
 * (SQLite, group commit of up to 256 turns) and two nodes of this process on loopback, so every
 * item crosses TLS. The modes alternate, a round each; each rate is N over the time from the
 * call that starts the sending to the sink's count of N (polled every millisecond).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.erg.bench.durable.DurableStreamRate [ROUNDS] [N] [W]};
 * by default 5 rounds after 1 of warm-up, N = 20,000, W = 256.
 */
public final class DurableStreamRate {

    private static final Duration WAIT = Duration.ofMinutes(2);

    /** Sends to a sink. */
    public interface Source {
        /** Opens a stream of a window of {@code window} items to {@code sink} and writes {@code n} items, as room comes. */
        Promise<Long> stream(String sink, long n, int window);

        /** Sends {@code n} letters to {@code sink}, in this turn. */
        Promise<Long> letters(String sink, long n);
    }

    /** Counts what it is sent. */
    public interface Sink {
        /** Counts one letter. */
        Promise<Long> take(long n);

        Promise<Long> count();
    }

    /** The source's state: the stream being written, and how far. */
    public record SourceState(long stream, long wanted, long written) {
    }

    /** The sink's state. */
    public record SinkState(long count) {
    }

    static final Kind<SourceState, Source> SOURCE = new Kind<>("bench.source", SourceState.class, Source.class,
            SourceCode::new);
    static final Kind<SinkState, Sink> SINK = new Kind<>("bench.sink", SinkState.class, Sink.class, SinkCode::new);

    private static final class SourceCode implements Source, StreamSource {
        private final Self<SourceState> self;

        SourceCode(Self<SourceState> self) {
            this.self = self;
        }

        @Override
        public Promise<Long> stream(String sink, long n, int window) {
            long stream = self.streams().open(SturdyRef.parse(sink), "bench", window, DurableStreams.DEFAULT_BYTES);
            self.update(new SourceState(stream, n, 0));
            fill();
            return Promise.of(stream);
        }

        @Override
        public Promise<Long> letters(String sink, long n) {
            SturdyRef to = SturdyRef.parse(sink);
            for (long i = 1; i <= n; i++) {
                self.send(to, "take", i);
            }
            return Promise.of(n);
        }

        @Override
        public void room(long stream, long consumed) {
            fill();
        }

        @Override
        public void ended(long stream, long consumed, Problem problem) {
            if (problem != null) {
                System.err.println("stream " + stream + " broke after " + consumed + " items: " + problem);
            }
        }

        private void fill() {
            SourceState s = self.state();
            long written = s.written();
            while (written < s.wanted() && self.streams().write(s.stream(), written + 1)) {
                written++;
            }
            if (written == s.wanted() && written > s.written()) {
                self.streams().close(s.stream(), null);
            }
            self.update(new SourceState(s.stream(), s.wanted(), written));
        }
    }

    private static final class SinkCode implements Sink, StreamSink {
        private final Self<SinkState> self;

        SinkCode(Self<SinkState> self) {
            this.self = self;
        }

        @Override
        public Promise<Long> take(long n) {
            return Promise.of(add());
        }

        @Override
        public void receive(StreamEvent event) {
            if (event instanceof StreamEvent.Item) {
                add();
            }
        }

        private long add() {
            long next = self.state().count() + 1;
            self.update(new SinkState(next));
            return next;
        }

        @Override
        public Promise<Long> count() {
            return Promise.of(self.state().count());
        }
    }

    /** A durable host with its store, on a node of its own. */
    private record Host(VatRuntime runtime, DurableHost durable, Node node, Vat vat, InetSocketAddress at,
                        VatIdentity identity) {
        static Host start(VatRuntime runtime, Path store) throws Exception {
            VatIdentity identity = VatIdentity.generate(new SecureRandom());
            DurableHost durable = DurableHost.open(Storage.sqlite(store), identity.vatId(), 256);
            PassableRegistry.Builder registry = PassableRegistry.builder();
            Mailbox.PASSABLES.forEach(registry::add);
            Node node = Node.start(identity, runtime, NetConfig.defaults(), registry.build());
            InetSocketAddress at = node.listen(new InetSocketAddress("127.0.0.1", 0));
            return new Host(runtime, durable, node, runtime.newVat("host"), at, identity);
        }

        /** Makes {@code root} reachable by a sturdy ref, then lets letters in and out. */
        SturdyRef offer(Object root) {
            SturdyRef ref = new SturdyRef(identity.vatId(), List.of(at), SwissNumber.random(new SecureRandom()));
            node.reinstate(ref, root);
            durable.attach(node, List.of(at), runtime.newVat("mailbox"), runtime.newVat("outbox"));
            return ref;
        }

        void close() {
            durable.close();
            node.close();
        }
    }

    private DurableStreamRate() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long n = args.length > 1 ? Long.parseLong(args[1]) : 20_000;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        Path work = Files.createTempDirectory("erg-durable-streams");
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        try (VatRuntime runtime = VatRuntime.builder().build()) {
            Host a = Host.start(runtime, work.resolve("a.db"));
            Host b = Host.start(runtime, work.resolve("b.db"));
            try {
                Source source = a.durable().root("source", a.vat(), SOURCE, () -> new SourceState(0, 0, 0));
                Sink sink = b.durable().root("sink", b.vat(), SINK, () -> new SinkState(0));
                a.offer(source);
                String sinkRef = b.offer(sink).toString();
                List<Double> streams = new ArrayList<>();
                List<Double> letters = new ArrayList<>();
                for (int round = 0; round <= rounds; round++) {
                    boolean streamFirst = round % 2 == 0;
                    for (int mode = 0; mode < 2; mode++) {
                        boolean stream = (mode == 0) == streamFirst;
                        double rate = measure(a.vat(), b.vat(), sink, n,
                                () -> stream ? source.stream(sinkRef, n, window) : source.letters(sinkRef, n));
                        System.out.printf("%s %d %s: %,.0f items/s%n", round == 0 ? "warm-up" : "round", round,
                                stream ? "stream" : "letters", rate);
                        if (round > 0) {
                            (stream ? streams : letters).add(rate);
                        }
                    }
                }
                double s = median(streams);
                double l = median(letters);
                System.out.printf("%nN = %,d items, window %d, SQLite, group commit of up to 256 turns, %d rounds;"
                                + " load average before: %s, after: %s%n", n, window, rounds, loadBefore,
                        Files.readString(Path.of("/proc/loadavg")).trim());
                System.out.println("| path | items/s, median | lowest–highest | ÷ letters |");
                System.out.println("|---|---:|---:|---:|");
                System.out.printf("| durable stream, window %d | %,.0f | %,.0f–%,.0f | ×%.2f |%n", window, s,
                        Collections.min(streams), Collections.max(streams), s / l);
                System.out.printf("| durable letters (Self.send) | %,.0f | %,.0f–%,.0f | ×1.00 |%n", l,
                        Collections.min(letters), Collections.max(letters));
            } finally {
                a.close();
                b.close();
            }
        }
    }

    /** Items counted per second from the call {@code start} until the sink has counted {@code n} more. */
    private static double measure(Vat caller, Vat sinkVat, Sink sink, long n, Supplier<Promise<Long>> start)
            throws InterruptedException {
        long base = sinkVat.callPromise(sink::count).join(WAIT);
        long began = System.nanoTime();
        caller.callPromise(start).join(WAIT);
        long deadline = began + WAIT.toNanos();
        while (sinkVat.callPromise(sink::count).join(WAIT) < base + n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sink did not count " + n + " items within " + WAIT);
            }
            Thread.sleep(1);
        }
        return n / ((System.nanoTime() - began) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }
}
