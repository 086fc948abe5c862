package dev.erg.server.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.crypto.VatIdentity;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable store in PostgreSQL, where several hosts may share one database. */
class PostgresStoreTest {

    @TempDir
    static Path tmp;

    private static PostgresCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = PostgresCluster.start(tmp.resolve("pg"));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Storage storage() {
        return new Storage(cluster.jdbcUrl(), cluster.user(), cluster.password());
    }

    @Test
    void eachVatKeepsItsStateInASchemaOfItsOwn() {
        VatIdentity one = VatIdentity.generate(new SecureRandom());
        VatIdentity two = VatIdentity.generate(new SecureRandom());
        try (VatRuntime runtime = VatRuntime.builder().build()) {
            Vat vat = runtime.newVat("test");
            try (DurableHost first = DurableHost.open(storage(), one.vatId(), 16);
                 DurableHost second = DurableHost.open(storage(), two.vatId(), 16)) {
                DurableHostTest.Box a = first.root("boxes", vat, DurableHostTest.BOX, () -> new DurableHostTest.BoxState(0));
                DurableHostTest.Box b = second.root("boxes", vat, DurableHostTest.BOX, () -> new DurableHostTest.BoxState(100));
                assertThat(call(vat, () -> a.add(5))).isEqualTo(5);
                assertThat(call(vat, () -> b.add(5))).isEqualTo(105);
            }
            try (DurableHost again = DurableHost.open(storage(), one.vatId(), 16)) {
                DurableHostTest.Box a = again.root("boxes", vat, DurableHostTest.BOX, () -> new DurableHostTest.BoxState(0));
                assertThat(call(vat, a::value)).isEqualTo(5);
                assertThat(again.generation()).isEqualTo(2);
            }
        }
    }

    @Test
    void oneVatsStateServesOneServerAtATime() {
        VatIdentity identity = VatIdentity.generate(new SecureRandom());
        try (DurableHost first = DurableHost.open(storage(), identity.vatId(), 16)) {
            assertThatThrownBy(() -> DurableHost.open(storage(), identity.vatId(), 16))
                    .isInstanceOf(StoredDataException.class)
                    .hasMessageContaining("another vat-server holds the state of vat " + identity.vatId());
            assertThat(first.generation()).isEqualTo(1);
        }
        try (DurableHost next = DurableHost.open(storage(), identity.vatId(), 16)) {
            assertThat(next.generation()).as("closing released it").isEqualTo(2);
        }
    }

    /**
     * Callers add 1 again and again while PostgreSQL is crashed and restarted under them: the
     * calls of the batch that failed break (or are answered, if its commit was made), calls
     * while it is away break at once, and the engine comes back on its own. A call broken as
     * undone is made again by its caller; at the end the counter holds exactly the answered
     * calls, each answer given once. One crash by default; the system property
     * {@code erg.store.restarts} asks for more, as a longer soak.
     */
    @Test
    void aCrashedAndRestartedPostgresBreaksTheCallsOfTheFailedBatchAndLosesOrRepeatsNothing() throws Exception {
        VatIdentity identity = VatIdentity.generate(new SecureRandom());
        try (VatRuntime runtime = VatRuntime.builder().build();
             DurableHost host = DurableHost.open(storage(), identity.vatId(), 16)) {
            Vat vat = runtime.newVat("test");
            DurableHostTest.Box box = host.root("boxes", vat, DurableHostTest.BOX, () -> new DurableHostTest.BoxState(0));
            Set<Long> answers = ConcurrentHashMap.newKeySet();
            AtomicLong answered = new AtomicLong();
            List<Problem> unexpected = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                callers.add(Thread.ofPlatform().name("caller-" + i).start(() -> {
                    while (!stop.get()) {
                        try {
                            long value = call(vat, () -> box.add(1));
                            answered.incrementAndGet();
                            if (!answers.add(value)) {
                                unexpected.add(Problem.of("Repeated", "answer %d given twice", value));
                            }
                        } catch (ProblemException e) {
                            Problem p = e.problem();
                            if (p.kind().equals(DurableHost.STORE_UNAVAILABLE)
                                    && (p.message().contains("undone") || p.message().contains("nothing was done"))) {
                                LockSupport.parkNanos(20_000_000);
                            } else {
                                unexpected.add(p);
                            }
                        }
                    }
                }));
            }
            int rounds = Integer.getInteger("erg.store.restarts", 1);
            Poll.until(answered::get, n -> n >= 100, Duration.ofSeconds(30));
            for (int round = 1; round <= rounds; round++) {
                cluster.crash();
                StoreStatus away = Poll.until(host::store, s -> s.state() != StoreStatus.State.UP, Duration.ofSeconds(30));
                Problem meanwhile = null;
                try {
                    call(vat, () -> box.add(1));
                } catch (ProblemException e) {
                    meanwhile = e.problem();
                }
                cluster.restart();
                long atRestart = answered.get();
                long after = Poll.until(answered::get, n -> n >= atRestart + 100, Duration.ofSeconds(60));

                assertThat(away.state()).as("round %d", round).isEqualTo(StoreStatus.State.RECONNECTING);
                assertThat(meanwhile).as("round %d: a call while the store is away breaks at once", round).isNotNull()
                        .satisfies(p -> assertThat(p.kind()).isEqualTo(DurableHost.STORE_UNAVAILABLE))
                        .satisfies(p -> assertThat(p.message()).contains("unreachable since"));
                assertThat(after).as("round %d: answered after the restart, with no manual step", round)
                        .isGreaterThanOrEqualTo(atRestart + 100);
            }
            stop.set(true);
            for (Thread caller : callers) {
                caller.join(Duration.ofSeconds(30));
            }

            // The batch in flight at a crash is answered if its commit was made, else broken as undone.
            assertThat(unexpected).isEmpty();
            assertThat(host.store().state()).isEqualTo(StoreStatus.State.UP);
            assertThat(host.store().outages()).isEqualTo(rounds);
            assertThat(call(vat, box::value)).as("0 lost, 0 repeated").isEqualTo(answered.get());
        }
    }

    /**
     * Two servers and one vat after a restart of PostgreSQL: the first reconnects while the
     * second starts. Whichever way the race goes, exactly one of them commits.
     */
    @Test
    void afterARestartExactlyOneOfTwoServersOfOneVatCommits() throws Exception {
        VatIdentity identity = VatIdentity.generate(new SecureRandom());
        try (VatRuntime runtime = VatRuntime.builder().build();
             DurableHost first = DurableHost.open(storage(), identity.vatId(), 16, Connector.of(storage()),
                     Duration.ofMillis(500))) {
            Vat vat = runtime.newVat("test");
            DurableHostTest.Box a = first.root("boxes", vat, DurableHostTest.BOX, () -> new DurableHostTest.BoxState(0));
            assertThat(call(vat, () -> a.add(1))).isEqualTo(1);
            cluster.crash();
            // Longer than the first one's lease: the second may take the vat over if it gets there first.
            Thread.sleep(1_000);
            cluster.restart();
            DurableHost second = null;
            try {
                second = DurableHost.open(storage(), identity.vatId(), 16);
            } catch (StoredDataException e) {
                assertThat(e).hasMessageContaining("another vat-server holds the state of vat");
            }
            StoreStatus settled = Poll.until(first::store, s -> s.state() != StoreStatus.State.RECONNECTING,
                    Duration.ofSeconds(30));
            try (DurableHost owner = second) {
                List<String> committed = new ArrayList<>();
                if (commits(vat, a)) {
                    committed.add("first");
                }
                if (owner != null) {
                    DurableHostTest.Box b = owner.root("boxes", vat, DurableHostTest.BOX, () -> new DurableHostTest.BoxState(0));
                    if (commits(vat, b)) {
                        committed.add("second");
                    }
                    assertThat(settled.state()).isEqualTo(StoreStatus.State.FENCED);
                } else {
                    assertThat(settled.state()).isEqualTo(StoreStatus.State.UP);
                }
                assertThat(committed).hasSize(1);
            }
        }
    }

    /** Whether {@code box} takes an addition of 1 to its value of 1; false if refused as fenced. */
    private static boolean commits(Vat vat, DurableHostTest.Box box) {
        try {
            assertThat(call(vat, () -> box.add(1))).isEqualTo(2);
            return true;
        } catch (ProblemException e) {
            assertThat(e.problem().kind()).isEqualTo(DurableHost.FENCED);
            return false;
        }
    }

    private static <T> T call(Vat vat, Supplier<Promise<T>> call) {
        return vat.callPromise(call).join(Duration.ofSeconds(10));
    }
}
