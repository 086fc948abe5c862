package dev.erg.confine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.confine.testkit.BundleCompiler;
import dev.erg.vat.DeterministicScheduler;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A confined vat's quotas of messages and storage: a flood from inside terminates the vat
 * naming the quota, a flood from outside is refused to its senders, and a write beyond the
 * storage quota fails in the vat's code without losing anything.
 */
class QuotaTest {

    /**
     * {@code run(n)} with n >= 0 sends n messages to the peer given as first argument; with
     * n < 0 stores -n chars under "k" and answers the bytes used, or -1 if the storage is full.
     */
    private static final Bundle SENDER = BundleCompiler.bundle("plug.Main", Map.of("plug.Main", """
            package plug;

            import dev.erg.confine.Endowments;
            import dev.erg.confine.Probe;
            import dev.erg.confine.Storage;
            import dev.erg.confine.VatEntry;
            import dev.erg.vat.Promise;
            import dev.erg.vat.ProblemException;
            import java.util.List;

            public final class Main implements VatEntry, Probe {
                private Endowments endowments;
                private Probe peer;

                @Override
                public Object start(Endowments endowments, List<Object> args) {
                    this.endowments = endowments;
                    this.peer = args.isEmpty() ? null : (Probe) args.get(0);
                    return this;
                }

                @Override
                public Promise<Long> run(long n) {
                    if (n < 0) {
                        Storage storage = endowments.storage();
                        try {
                            storage.put("k", "x".repeat((int) -n));
                            return Promise.of(storage.used());
                        } catch (ProblemException e) {
                            return Promise.of(e.problem().kind().equals(Storage.FULL) ? -1L : -2L);
                        }
                    }
                    for (long i = 0; i < n; i++) {
                        peer.run(i);
                    }
                    return Promise.of(n);
                }
            }
            """));

    private final DeterministicScheduler scheduler = new DeterministicScheduler(11);
    private final VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).build();
    private final List<Long> received = new ArrayList<>();

    @AfterEach
    void close() {
        runtime.close();
    }

    private Confinement confinement(Limits limits) {
        return Confinement.builder().hostTypes(List.of(Probe.class)).limits(limits).build();
    }

    private Probe peer() {
        return runtime.newVat("peer").export(n -> {
            received.add(n);
            return Promise.of(n);
        }, Probe.class);
    }

    private <T> T settle(Promise<T> promise) {
        scheduler.runUntilIdle();
        return promise.join(Duration.ZERO);
    }

    @Test
    void aTurnThatSendsMoreThanItsQuotaTerminatesTheVatNamingTheQuota() throws Exception {
        ConfinedVat<Probe> confined = confinement(Limits.defaults().withMessages(10, 100))
                .spawn(runtime, "sender", SENDER, Probe.class, List.of(peer()));
        Probe root = settle(confined.root());
        assertThat(settle(root.run(10))).isEqualTo(10L);
        Promise<Long> flood = root.run(1_000);
        scheduler.runUntilIdle();
        Problem expected = new Problem(Problem.VAT_SHUT_DOWN,
                "vat sender terminated: sent more than 10 messages in one turn, its quota of messages per turn");
        assertThat(flood.problemOrNull()).isNotNull();
        assertThat(Ref.kind(root)).isEqualTo(RefKind.BROKEN);
        assertThat(Ref.problem(root)).isEqualTo(expected);
        // The quota stopped the flood where it was reached: 10 from the first turn, 10 from the second.
        assertThat(received).hasSize(20);
    }

    @Test
    void messagesBeyondThePendingQuotaAreRefusedToTheirSendersAndNeverQueued() throws Exception {
        ConfinedVat<Probe> confined = confinement(Limits.defaults().withMessages(10, 3))
                .spawn(runtime, "busy", SENDER, Probe.class, List.of(peer()));
        Probe root = settle(confined.root());
        List<Promise<Long>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(root.run(0));
        }
        assertThat(confined.pending()).isEqualTo(3);
        Problem refused = answers.get(3).problemOrNull();
        assertThat(refused).isNotNull();
        assertThat(refused.kind()).isEqualTo(VatMaker.QUOTA_EXCEEDED);
        assertThat(refused.message()).contains("confined vat busy has 3 messages waiting, its quota of pending messages");
        assertThat(answers.get(4).problemOrNull()).isEqualTo(refused);
        scheduler.runUntilIdle();
        assertThat(answers.subList(0, 3)).allSatisfy(answer -> assertThat(answer.problemOrNull()).isNull());
        assertThat(confined.pending()).isZero();
        assertThat(settle(root.run(0))).isZero();
        assertThat(confined.vat().isShutDown()).isFalse();
    }

    @Test
    void aWriteBeyondTheStorageQuotaFailsInTheVatsCodeAndLosesNothing() throws Exception {
        ConfinedVat<Probe> confined = confinement(Limits.defaults().withStorageBytes(100))
                .spawn(runtime, "keeper", SENDER, Probe.class, List.of());
        Probe root = settle(confined.root());
        long entry = 1 + Storage.ENTRY_BYTES;
        assertThat(settle(root.run(-60))).isEqualTo(entry + 60);
        assertThat(settle(root.run(-100))).isEqualTo(-1L);
        assertThat(confined.storage().get("k")).hasSize(60);
        assertThat(confined.storage().used()).isEqualTo(entry + 60);
        assertThat(confined.storage().quota()).isEqualTo(100);
        assertThat(confined.vat().isShutDown()).isFalse();
    }

    @Test
    void aStoreHandedInOutlivesItsVatForTheNext() throws Exception {
        Storage kept = Storage.inMemory(1_000);
        Confinement confinement = confinement(Limits.defaults());
        ConfinedVat<Probe> first = confinement.spawn(runtime, "first", SENDER, Probe.class, List.of(), Limits.defaults(),
                kept);
        assertThat(settle(settle(first.root()).run(-10))).isEqualTo(11L + Storage.ENTRY_BYTES);
        first.terminate("replaced");
        ConfinedVat<Probe> second = confinement.spawn(runtime, "second", SENDER, Probe.class, List.of(),
                Limits.defaults().withMessages(1, 1), kept);
        assertThat(settle(second.root())).isNotNull();
        assertThat(second.storage().get("k")).isEqualTo("x".repeat(10));
        assertThat(second.limits().messagesPerTurn()).isEqualTo(1);
    }

    @Test
    void storageCallsAreChargedToTheVatsComputrons() throws Exception {
        ConfinedVat<Probe> confined = confinement(Limits.defaults()).spawn(runtime, "charged", SENDER, Probe.class,
                List.of());
        Probe root = settle(confined.root());
        long before = confined.used();
        settle(root.run(-5_000));
        assertThat(confined.used() - before).isGreaterThan(5_000 + MeteredStorage.CALL_COST);
    }

    @Test
    void aNeighbourVatIsUntouchedByTheQuotas() throws Exception {
        Vat neighbourVat = runtime.newVat("neighbour");
        Probe neighbour = neighbourVat.export(x -> Promise.of(x + 1), Probe.class);
        List<Promise<Long>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(neighbour.run(i));
        }
        scheduler.runUntilIdle();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.problemOrNull()).isNull());
    }
}
