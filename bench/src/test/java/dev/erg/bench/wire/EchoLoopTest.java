package dev.erg.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Either sender makes the round trips, chains and window asked for, each message answered once. */
class EchoLoopTest {

    private final Echo echo = new Echo();

    @AfterEach
    void close() {
        echo.answering.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(Sender.class)
    void roundTripsAreOneMessageEach(Sender sender) throws Exception {
        long[] took = echo.roundTrips(7, sender);
        assertThat(took).hasSize(7);
        assertThat(Arrays.stream(took).min().orElseThrow()).isPositive();
        assertThat(echo.sent).hasValue(7);
        assertThat(echo.threads).hasSize(sender == Sender.THREAD ? 1 : 2);
    }

    @ParameterizedTest
    @EnumSource(Sender.class)
    void chainsAreTenRoundTripsEach(Sender sender) throws Exception {
        assertThat(echo.chains(3, sender)).hasSize(3);
        assertThat(echo.sent).hasValue(3 * WireSystem.CHAIN);
    }

    @ParameterizedTest
    @EnumSource(Sender.class)
    void theWindowKeepsAThousandOutstandingAndDrains(Sender sender) throws Exception {
        assertThat(echo.throughput(1, sender)).isPositive();
        assertThat(echo.sent.get()).isGreaterThan(WireSystem.OUTSTANDING);
        assertThat(echo.answered).hasValue(echo.sent.get());
        assertThat(echo.mostOutstanding).hasValue(WireSystem.OUTSTANDING);
    }

    /** Echoes on a thread of its own, as a system's I/O thread does, and counts. */
    private static final class Echo extends EchoLoop {
        final ExecutorService answering = Executors.newSingleThreadExecutor();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger mostOutstanding = new AtomicInteger();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        void send(long sequence) {
            threads.add(Thread.currentThread().getName());
            int outstanding = sent.incrementAndGet() - answered.get();
            mostOutstanding.accumulateAndGet(outstanding, Math::max);
            answering.execute(() -> {
                answered.incrementAndGet();
                answered(sequence);
            });
        }

        @Override
        public String name() {
            return "echo";
        }

        @Override
        public String transport() {
            return "a thread";
        }

        @Override
        public long serverPid() {
            return ProcessHandle.current().pid();
        }

        @Override
        public void close() {
        }
    }
}
