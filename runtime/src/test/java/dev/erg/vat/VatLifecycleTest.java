package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VatLifecycleTest {

    @Test
    void shuttingDownBreaksQueuedAndLaterMessages() {
        try (Sim sim = new Sim(5)) {
            Vat bob = sim.vat("bob");
            Counter counter = bob.export(new Tally(), Counter.class);
            Promise<Long> queued = counter.increment(1);
            bob.shutdown();
            sim.scheduler.runUntilIdle();
            Problem expected = new Problem(Problem.VAT_SHUT_DOWN, "vat bob was shut down");
            assertThat(queued.problemOrNull()).isEqualTo(expected);
            assertThat(counter.increment(2).problemOrNull()).isEqualTo(expected);
            assertThat(Ref.kind(counter)).isEqualTo(RefKind.BROKEN);
            assertThat(bob.call(() -> 1).problemOrNull()).isEqualTo(expected);
            assertThatThrownBy(() -> bob.run(() -> { })).hasMessage("vat bob is shut down");
            assertThat(sim.runtime.vatCount()).isZero();
        }
    }

    @Test
    void aVatCanShutItselfDownAndFinishesTheCurrentTurn() {
        try (Sim sim = new Sim(6)) {
            Vat bob = sim.vat("bob");
            List<String> log = new ArrayList<>();
            bob.run(() -> {
                bob.shutdown();
                log.add("turn finished");
            });
            bob.run(() -> log.add("never"));
            sim.scheduler.runUntilIdle();
            assertThat(log).containsExactly("turn finished");
            assertThat(bob.isShutDown()).isTrue();
        }
    }

    @Test
    void closingTheRuntimeShutsDownEveryVatAndStopsItsThreads() throws Exception {
        VatRuntime runtime = VatRuntime.builder().threads(2).build();
        Vat a = runtime.newVat("a");
        Vat b = runtime.newVat("b");
        assertThat(a.call(() -> 1).join(Duration.ofSeconds(10))).isEqualTo(1);
        runtime.close();
        assertThat(a.isShutDown()).isTrue();
        assertThat(b.isShutDown()).isTrue();
        assertThat(runtime.vatCount()).isZero();
        assertThatThrownBy(() -> runtime.newVat("c")).hasMessage("runtime is closed");
        Thread.sleep(50);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith("erg-vat-") && t.isAlive() && t.getState() != Thread.State.TERMINATED
                        && !t.isDaemon());
    }

    @Test
    void manyVatsShareAFewThreadsAndNeverRunTwoTurnsAtOnce() throws Exception {
        try (VatRuntime runtime = VatRuntime.builder().threads(2).turnsPerBatch(3).build()) {
            int vats = 200;
            int perVat = 200;
            Set<String> threads = ConcurrentHashMap.newKeySet();
            AtomicInteger overlaps = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(vats * perVat);
            for (int v = 0; v < vats; v++) {
                Vat vat = runtime.newVat("v" + v);
                AtomicInteger inside = new AtomicInteger();
                for (int i = 0; i < perVat; i++) {
                    vat.run(() -> {
                        if (inside.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        threads.add(Thread.currentThread().getName());
                        inside.decrementAndGet();
                        done.countDown();
                    });
                }
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(overlaps.get()).isZero();
            assertThat(threads).hasSizeLessThanOrEqualTo(2).allMatch(n -> n.startsWith("erg-vat-"));
        }
    }

    @Test
    void concurrentSendersToOneVatLoseNothingAndKeepEachSendersOrder() throws Exception {
        try (VatRuntime runtime = VatRuntime.builder().threads(2).build()) {
            Vat sink = runtime.newVat("sink");
            int senders = 4;
            int each = 20_000;
            List<List<Integer>> received = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                received.add(new ArrayList<>());
            }
            Thread[] threads = new Thread[senders];
            for (int s = 0; s < senders; s++) {
                int sender = s;
                threads[s] = Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < each; i++) {
                        int n = i;
                        sink.run(() -> received.get(sender).add(n));
                    }
                });
            }
            for (Thread t : threads) {
                t.join();
            }
            sink.call(() -> null).join(Duration.ofSeconds(30));
            Promise<List<List<Integer>>> snapshot = sink.call(() -> received.stream().map(List::copyOf).toList());
            for (List<Integer> fromOne : snapshot.join(Duration.ofSeconds(30))) {
                assertThat(fromOne).hasSize(each).isSorted();
            }
        }
    }

    @Test
    void builderRejectsNonsense() {
        assertThatThrownBy(() -> VatRuntime.builder().threads(0)).hasMessage("threads: 0 (expected: >= 1)");
        assertThatThrownBy(() -> VatRuntime.builder().turnsPerBatch(0))
                .hasMessage("turnsPerBatch: 0 (expected: >= 1)");
    }
}
