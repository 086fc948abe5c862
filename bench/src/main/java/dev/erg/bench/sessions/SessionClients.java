package dev.erg.bench.sessions;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.IoThreads;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.server.services.Counter;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/**
 * One client process of {@link SessionsBench}: it opens the given number of CapTP sessions
 * to a vat-server's counter, each from a {@link Node} with an identity of its own (a session is
 * one pair of vats), all on {@value #IO_THREADS} shared {@link IoThreads}, and prints
 * {@code READY <sessions>}. Then, for each line
 * {@code busy <seconds>} on stdin, every session calls {@code increment(1)} with one call
 * outstanding, from a vat of its own, for that long, and the process prints
 * {@code DONE <calls> <errors> <histogram>}. It exits when stdin closes.
 *
 * <p>Usage: {@code SessionClients <sturdy-ref> <sessions>}
 */
public final class SessionClients {

    /** Sessions being opened at once: enough to overlap handshakes, few enough not to time them out. */
    private static final int WAVE = 25;
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** I/O threads for all the process's sessions: a thread per node would be thousands. */
    private static final int IO_THREADS = 2;

    private SessionClients() {
    }

    public static void main(String[] args) throws Exception {
        SturdyRef ref = SturdyRef.parse(args[0]);
        int sessions = Integer.parseInt(args[1]);
        List<Node> nodes = new ArrayList<>();
        try (VatRuntime runtime = VatRuntime.create(); IoThreads io = IoThreads.start(IO_THREADS)) {
            try {
                serve(ref, sessions, runtime, io, nodes);
            } finally {
                // Before the shared threads they run on stop.
                nodes.forEach(Node::close);
            }
        }
    }

    /** Opens the sessions, adding their nodes to {@code nodes}, then answers stdin until it closes. */
    private static void serve(SturdyRef ref, int sessions, VatRuntime runtime, IoThreads io, List<Node> nodes)
            throws Exception {
        SecureRandom random = new SecureRandom();
        List<Counter> counters = new ArrayList<>();
        List<Promise<Counter>> wave = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            Node node = node(runtime, io, random);
            nodes.add(node);
            wave.add(node.connect(ref, Counter.class));
            if (wave.size() == WAVE || i == sessions - 1) {
                for (Promise<Counter> connected : wave) {
                    counters.add(connected.join(WAIT));
                }
                wave.clear();
            }
        }
        List<Vat> vats = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            vats.add(runtime.newVat("session-" + i));
        }
        System.out.println("READY " + counters.size());
        System.out.flush();

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("busy ")) {
                System.out.println(busy(vats, counters, Integer.parseInt(line.substring(5).trim())));
                System.out.flush();
            }
        }
    }

    private static Node node(VatRuntime runtime, IoThreads io, SecureRandom random) throws SSLException {
        return Node.start(VatIdentity.generate(random), runtime, NetConfig.defaults(), PassableRegistry.empty(), io);
    }

    /** Every session calls in a loop for {@code seconds}; answers the {@code DONE} line. */
    private static String busy(List<Vat> vats, List<Counter> counters, int seconds) throws InterruptedException {
        LatencyHistogram latencies = new LatencyHistogram();
        AtomicLong errors = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(counters.size());
        for (int i = 0; i < counters.size(); i++) {
            Counter counter = counters.get(i);
            vats.get(i).run(() -> call(counter, latencies, errors, stop, stopped));
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        stop.set(true);
        if (!stopped.await(60, TimeUnit.SECONDS)) {
            errors.addAndGet(stopped.getCount());
        }
        return "DONE " + latencies.count() + " " + errors.get() + " " + latencies.encode();
    }

    /** One call, timed; its answer makes the next, until {@code stop}. Runs in the session's vat. */
    private static void call(Counter counter, LatencyHistogram latencies, AtomicLong errors, AtomicBoolean stop,
                             CountDownLatch stopped) {
        long start = System.nanoTime();
        counter.increment(1).when(value -> {
            latencies.record(System.nanoTime() - start);
            if (stop.get()) {
                stopped.countDown();
            } else {
                call(counter, latencies, errors, stop, stopped);
            }
        }, problem -> {
            errors.incrementAndGet();
            stopped.countDown();
        });
    }
}
