package dev.erg.server.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.crypto.VatIdentity;
import dev.erg.server.durable.DurableHostTest.Box;
import dev.erg.server.durable.DurableHostTest.BoxState;
import dev.erg.server.metrics.ServerMetrics;
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
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable engine's failure paths, on SQLite through connections that fail on command. */
class StoreFaultTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Text that grows with each call. */
    public interface Notes {
        Promise<Long> append(String more);

        Promise<Long> length();
    }

    record NotesState(String text) {
    }

    static final Kind<NotesState, Notes> NOTES = new Kind<>("notes", NotesState.class, Notes.class, self -> new Notes() {
        @Override
        public Promise<Long> append(String more) {
            self.update(new NotesState(self.state().text() + more));
            return length();
        }

        @Override
        public Promise<Long> length() {
            return Promise.of((long) self.state().text().length());
        }
    });

    @TempDir
    Path tmp;

    private final VatIdentity identity = VatIdentity.generate(new SecureRandom());
    private VatRuntime runtime;
    private Vat vat;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void runtime() {
        runtime = VatRuntime.builder().build();
        vat = runtime.newVat("test");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        runtime.close();
    }

    private Storage storage() {
        return Storage.sqlite(tmp.resolve("durable.db"));
    }

    private DurableHost open(Connector connector, Duration lease) {
        DurableHost host = DurableHost.open(storage(), identity.vatId(), 8, connector, lease);
        opened.add(host);
        return host;
    }

    private Box box(DurableHost host) {
        return host.root("boxes", vat, DurableHostTest.BOX, () -> new BoxState(0));
    }

    private <T> T await(Supplier<Promise<T>> call) {
        return vat.callPromise(call).join(WAIT);
    }

    private Problem broken(Supplier<Promise<Long>> call) {
        try {
            Long answer = await(call);
            throw new AssertionError("answered " + answer + ", expected a problem");
        } catch (ProblemException e) {
            return e.problem();
        }
    }

    private static StoreStatus up(DurableHost host) throws InterruptedException {
        return Poll.until(host::store, s -> s.state() == StoreStatus.State.UP, WAIT);
    }

    @Test
    void aCommitThatFailsBreaksExactlyItsCallersAndUndoesThem() throws Exception {
        FaultyConnector faults = new FaultyConnector(storage());
        DurableHost host = open(faults, DurableHost.LEASE);
        Box box = box(host);
        assertThat(await(() -> box.add(1))).isEqualTo(1);

        // Failing at the commit itself leaves its outcome unknown until the reconnection reads the count of commits.
        faults.failNextCommit();
        Problem problem = broken(() -> box.add(5));
        assertThat(problem.kind()).isEqualTo(DurableHost.STORE_UNAVAILABLE);
        assertThat(problem.message()).contains("commit failed (a fault of the test)").contains("undone").doesNotContain("\n");

        StoreStatus status = up(host);
        assertThat(status.state()).isEqualTo(StoreStatus.State.UP);
        assertThat(status.outages()).isEqualTo(1);
        assertThat(faults.connects()).as("reconnected").isEqualTo(2);
        assertThat(await(box::value)).as("the failed turn's state is undone in memory").isEqualTo(1);
        assertThat(await(() -> box.add(2))).isEqualTo(3);
        assertThat(host.alarms()).anySatisfy(a -> assertThat(a).contains("durable store lost"));
        host.close();
        assertThat(await(() -> box(open(Connector.of(storage()), DurableHost.LEASE)).value())).isEqualTo(3);
    }

    @Test
    void aCommitMadeAsItsAnswerWasLostIsAnsweredOnceTheStoreSaysSo() throws Exception {
        FaultyConnector faults = new FaultyConnector(storage());
        DurableHost host = open(faults, DurableHost.LEASE);
        Box box = box(host);
        assertThat(await(() -> box.add(1))).isEqualTo(1);

        faults.loseNextCommitAnswer();
        assertThat(await(() -> box.add(5))).as("answered, not broken: the commit was made").isEqualTo(6);
        assertThat(up(host).outages()).isEqualTo(1);
        assertThat(await(() -> box.add(1))).isEqualTo(7);
    }

    @Test
    void whileTheStoreIsAwayCallsBreakAtOnceAndTheEngineComesBackOnItsOwn() throws Exception {
        FaultyConnector faults = new FaultyConnector(storage());
        DurableHost host = open(faults, DurableHost.LEASE);
        Box box = box(host);
        await(() -> box.add(1));

        faults.down();
        Problem first = broken(() -> box.add(10));
        assertThat(first.kind()).isEqualTo(DurableHost.STORE_UNAVAILABLE);
        assertThat(first.message()).contains("a fault of the test");
        assertThat(host.store().state()).isEqualTo(StoreStatus.State.RECONNECTING);
        assertThat(host.store().describe()).startsWith("reconnecting since ");
        for (int i = 0; i < 5; i++) {
            Problem later = broken(() -> box.add(100));
            assertThat(later.kind()).isEqualTo(DurableHost.STORE_UNAVAILABLE);
            assertThat(later.message()).contains("unreachable since").contains("nothing was done");
        }
        assertThatThrownBy(host::unboundKinds).isInstanceOf(StoredDataException.class).hasMessageContaining("unreachable");

        faults.up();
        assertThat(up(host).state()).isEqualTo(StoreStatus.State.UP);
        assertThat(await(() -> box.add(2))).as("nothing of the broken calls was kept").isEqualTo(3);
    }

    @Test
    void aStoreLostWhileIdleIsNoticedByTheLeaseRenewal() throws Exception {
        FaultyConnector faults = new FaultyConnector(storage());
        DurableHost host = open(faults, Duration.ofMillis(600));
        ServerMetrics metrics = new ServerMetrics();
        metrics.trackDurables(host);
        Box box = box(host);
        await(() -> box.add(1));
        assertThat(metrics.scrape()).contains("erg_durable_store_state 0.0");
        faults.down();
        StoreStatus away = Poll.until(host::store, s -> s.state() == StoreStatus.State.RECONNECTING, WAIT);
        assertThat(away.state()).isEqualTo(StoreStatus.State.RECONNECTING);
        assertThat(metrics.scrape()).contains("erg_durable_store_state 1.0");
        faults.up();
        assertThat(up(host).outages()).isEqualTo(1);
        assertThat(metrics.scrape()).contains("erg_durable_store_state 0.0").contains("erg_durable_store_outages_total 1.0");
        assertThat(await(box::value)).isEqualTo(1);
    }

    @Test
    void aFullDiskBreaksTheCallsThatNeedSpaceAndLosesNothing() throws Exception {
        FaultyConnector faults = new FaultyConnector(storage());
        DurableHost host = open(faults, DurableHost.LEASE);
        Notes notes = host.root("notes", vat, NOTES, () -> new NotesState(""));
        long kept = await(() -> notes.append("x".repeat(1_000)));

        faults.full(true);
        List<Problem> refused = new ArrayList<>();
        for (int i = 0; i < 40 && refused.size() < 3; i++) {
            try {
                kept = await(() -> notes.append("y".repeat(4_000)));
            } catch (ProblemException e) {
                refused.add(e.problem());
                up(host);
            }
        }
        assertThat(refused).hasSize(3).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo(DurableHost.STORE_UNAVAILABLE);
            assertThat(p.message()).contains("full").contains("undone");
        });

        faults.full(false);
        long before = kept;
        assertThat(await(() -> notes.append("z"))).as("space again: commits work, nothing lost").isEqualTo(before + 1);
        host.close();
        DurableHost again = open(Connector.of(storage()), DurableHost.LEASE);
        assertThat(await(() -> again.root("notes", vat, NOTES, () -> new NotesState("")).length())).isEqualTo(before + 1);
    }

    @Test
    void aSecondServerIsRefusedWhileTheFirstOnesLeaseHolds() {
        DurableHost first = open(Connector.of(storage()), DurableHost.LEASE);
        box(first);
        assertThatThrownBy(() -> open(Connector.of(storage()), DurableHost.LEASE))
                .isInstanceOf(StoredDataException.class)
                .hasMessageContaining("another vat-server holds the state of vat " + identity.vatId())
                .hasMessageContaining("epoch 1");
        first.close();
        assertThat(open(Connector.of(storage()), DurableHost.LEASE).generation()).as("closing ended the lease").isEqualTo(2);
    }

    @Test
    void aServerWhoseLeaseRanOutAndWasTakenOverCommitsNothingMore() throws Exception {
        FaultyConnector faults = new FaultyConnector(storage());
        DurableHost first = open(faults, Duration.ofMillis(300));
        Box firstBox = box(first);
        assertThat(await(() -> firstBox.add(1))).isEqualTo(1);

        faults.down();
        Poll.until(first::store, s -> s.state() == StoreStatus.State.RECONNECTING, WAIT);
        Thread.sleep(400);
        DurableHost second = open(Connector.of(storage()), DurableHost.LEASE);
        Box secondBox = box(second);
        assertThat(await(() -> secondBox.add(10))).isEqualTo(11);

        faults.up();
        StoreStatus fenced = Poll.until(first::store, s -> s.state() == StoreStatus.State.FENCED, WAIT);
        assertThat(fenced.state()).isEqualTo(StoreStatus.State.FENCED);
        assertThat(fenced.cause()).contains("was claimed by another vat-server").contains("epoch 2");
        Problem refused = broken(() -> firstBox.add(100));
        assertThat(refused.kind()).isEqualTo(DurableHost.FENCED);
        assertThat(first.alarms()).anySatisfy(a -> assertThat(a).contains("fenced: vat"));

        assertThat(await(() -> secondBox.add(1))).as("only the owner's turns count").isEqualTo(12);
        assertThat(second.store().state()).isEqualTo(StoreStatus.State.UP);
    }
}
