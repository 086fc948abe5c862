package dev.erg.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.server.hostile.WireClient.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A well-behaved client beside the attacks: it keeps one session with the counter's vat and
 * increments the counter every 20 ms, one call at a time, timing each answer. {@link #close}
 * checks it was answered every time, the last within the test, and that the 99th percentile
 * stayed under 2 s: a generous bound, since the point is that an attack on another connection
 * does not stall it, not how fast it is.
 */
final class Neighbour implements AutoCloseable {

    private final WireClient client;
    private final long counter;
    private final List<Long> latenciesNanos = Collections.synchronizedList(new ArrayList<>());
    private final Thread loop;
    private volatile boolean stopping;
    private volatile Throwable failure;

    private Neighbour(WireClient client, long counter) {
        this.client = client;
        this.counter = counter;
        this.loop = Thread.ofVirtual().name("neighbour").start(this::run);
    }

    /** Starts calling the counter of {@code server}. */
    static Neighbour beside(HostileServer server) throws Exception {
        WireClient client = HostileServer.dial(server.counter()).open();
        client.startSession();
        return new Neighbour(client, client.fetch(server.counter().swiss().bytes()));
    }

    private void run() {
        try {
            while (!stopping) {
                long start = System.nanoTime();
                Outcome outcome = client.call(Cbor.tag(Cbor.EXPORT, counter), "increment", 1L).get(10, TimeUnit.SECONDS);
                latenciesNanos.add(System.nanoTime() - start);
                if (outcome.broken()) {
                    throw new AssertionError("the neighbour's call broke: " + outcome.value());
                }
                Thread.sleep(20);
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** Stops calling and checks every call was answered, the 99th percentile under 2 s. */
    @Override
    public void close() throws Exception {
        stopping = true;
        loop.join(15_000);
        client.close();
        assertThat(failure).as("the neighbour's calls").isNull();
        List<Long> sorted;
        synchronized (latenciesNanos) {
            sorted = latenciesNanos.stream().sorted().toList();
        }
        assertThat(sorted).as("the neighbour's answers").isNotEmpty();
        long p99 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
        assertThat(TimeUnit.NANOSECONDS.toMillis(p99)).as("the neighbour's p99 latency in ms over %d calls", sorted.size())
                .isLessThan(2_000);
    }
}
