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
import java.util.ResourceBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The run-time escape catalogue: each way a confined vat might take more than its share is
 * stopped, the vat terminated with a problem that says why, every reference into it broken,
 * while a neighbour vat of the same runtime goes on answering.
 */
class ConfinedVatTest {

    private static final Limits LIMITS = new Limits(1_000_000, 50_000_000);

    private final DeterministicScheduler scheduler = new DeterministicScheduler(7);
    private final VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).build();
    private final List<String> logged = new ArrayList<>();

    @AfterEach
    void close() {
        runtime.close();
    }

    /** A bundle whose root answers {@code run(n)} with {@code work(n)}, declared in {@code body}. */
    static Bundle probe(String body) {
        return BundleCompiler.bundle("plug.Main", Map.of("plug.Main", """
                package plug;

                import dev.erg.confine.Endowments;
                import dev.erg.confine.Probe;
                import dev.erg.confine.VatEntry;
                import dev.erg.vat.Promise;
                import java.util.ArrayList;
                import java.util.List;

                public final class Main implements VatEntry, Probe {
                    private Endowments endowments;

                    @Override
                    public Object start(Endowments endowments, List<Object> args) {
                        this.endowments = endowments;
                        return this;
                    }

                    @Override
                    public Promise<Long> run(long n) {
                        return Promise.of(work(n));
                    }

                """ + body + "\n}\n"));
    }

    private Confinement confinement(Limits limits) {
        return Confinement.builder().hostTypes(List.of(Probe.class)).limits(limits).log(new ListLogger(logged)).build();
    }

    private ConfinedVat<Probe> spawn(Bundle bundle) throws BundleRejectedException {
        return confinement(LIMITS).spawn(runtime, "plugin-1", bundle, Probe.class, List.of());
    }

    private <T> T settle(Promise<T> promise) {
        scheduler.runUntilIdle();
        return promise.join(Duration.ZERO);
    }

    /** Runs the bundle's work with {@code n}; asserts that the vat was stopped with {@code reason}. */
    private void assertStopped(Bundle bundle, long n, String reason) throws BundleRejectedException {
        Vat neighbourVat = runtime.newVat("neighbour");
        Probe neighbour = neighbourVat.export(x -> Promise.of(x + 1), Probe.class);
        ConfinedVat<Probe> confined = spawn(bundle);
        Probe root = settle(confined.root());
        List<String> heard = new ArrayList<>();
        confined.whenEnding(why -> heard.add(why + (Ref.kind(root) == RefKind.BROKEN ? ", after the break" : "")));
        Promise<Long> answer = root.run(n);
        Promise<Long> queued = root.run(1);
        scheduler.runUntilIdle();
        Problem expected = new Problem(Problem.VAT_SHUT_DOWN, "vat plugin-1 terminated: " + reason);
        assertThat(answer.problemOrNull()).isNotNull();
        assertThat(queued.problemOrNull()).isEqualTo(expected);
        assertThat(Ref.kind(root)).isEqualTo(RefKind.BROKEN);
        assertThat(Ref.problem(root)).isEqualTo(expected);
        assertThat(root.run(2).problemOrNull()).isEqualTo(expected);
        assertThat(confined.vat().isShutDown()).isTrue();
        assertThat(heard).as("the host hears of the end before the root breaks").containsExactly(reason);
        assertThat(settle(neighbour.run(41))).isEqualTo(42L);
    }

    private static final String PER_TURN = "used more than 1000000 computrons in one turn";

    @Test
    void aWellBehavedBundleAnswersAndIsCharged() throws Exception {
        ConfinedVat<Probe> confined = spawn(probe("""
                long work(long n) {
                    long sum = 0;
                    for (long i = 1; i <= n; i++) {
                        sum += i;
                    }
                    return sum;
                }
                """));
        Probe root = settle(confined.root());
        long before = confined.used();
        assertThat(settle(root.run(1000))).isEqualTo(500_500L);
        assertThat(confined.used() - before).isBetween(1000L, 20_000L);
        assertThat(confined.vat().isShutDown()).isFalse();
    }

    @Test
    void anInfiniteLoopIsStopped() throws Exception {
        assertStopped(probe("""
                long work(long n) {
                    while (true) {
                        n++;
                    }
                }
                """), 0, PER_TURN);
    }

    @Test
    void oneHugeArrayIsRefusedBeforeItIsAllocated() throws Exception {
        assertStopped(probe("""
                long work(long n) {
                    long[] huge = new long[1 << 30];
                    return huge.length;
                }
                """), 0, PER_TURN);
    }

    @Test
    void manySmallArraysAreStopped() throws Exception {
        assertStopped(probe("""
                long work(long n) {
                    List<long[][]> kept = new ArrayList<>();
                    while (true) {
                        kept.add(new long[8][100]);
                    }
                }
                """), 0, PER_TURN);
    }

    @Test
    void deepRecursionIsStopped() throws Exception {
        Bundle bundle = probe("""
                long work(long n) {
                    return work(n + 1) + 1;
                }
                """);
        Vat neighbourVat = runtime.newVat("neighbour");
        Probe neighbour = neighbourVat.export(x -> Promise.of(x + 1), Probe.class);
        ConfinedVat<Probe> confined = confinement(new Limits(1_000_000_000, 10_000_000_000L))
                .spawn(runtime, "plugin-1", bundle, Probe.class, List.of());
        Probe root = settle(confined.root());
        Promise<Long> answer = root.run(0);
        scheduler.runUntilIdle();
        assertThat(answer.problemOrNull().message()).contains("StackOverflowError");
        assertThat(Ref.problem(root)).isEqualTo(new Problem(Problem.VAT_SHUT_DOWN,
                "vat plugin-1 terminated: recursion too deep (StackOverflowError)"));
        assertThat(settle(neighbour.run(1))).isEqualTo(2L);
    }

    @Test
    void anExceptionFloodIsStopped() throws Exception {
        assertStopped(probe("""
                long work(long n) {
                    while (true) {
                        try {
                            throw new IllegalStateException("again");
                        } catch (IllegalStateException e) {
                            n++;
                        }
                    }
                }
                """), 0, PER_TURN);
    }

    @Test
    void codeThatCatchesTheMetersErrorCannotGoOn() throws Exception {
        assertStopped(probe("""
                long work(long n) {
                    while (true) {
                        try {
                            while (true) {
                                n++;
                            }
                        } finally {
                            n--;
                            continue;
                        }
                    }
                }
                """), 0, PER_TURN);
    }

    @Test
    void aFinallyRecursionBombIsStopped() throws Exception {
        assertStopped(probe("""
                long work(long n) {
                    try {
                        return work(n + 1);
                    } finally {
                        work(n + 1);
                    }
                }
                """), 0, PER_TURN);
    }

    @Test
    void aLogFloodIsStoppedAndWritesFewLines() throws Exception {
        assertStopped(probe("""
                long work(long n) {
                    while (true) {
                        endowments.log("spam " + n++);
                    }
                }
                """), 0, PER_TURN);
        assertThat(logged).hasSizeBetween(1, 2);
        assertThat(logged.getFirst()).isEqualTo("vat plugin-1: spam 0");
    }

    @Test
    void theVatsBudgetBoundsAllItsTurns() throws Exception {
        ConfinedVat<Probe> confined = confinement(new Limits(1_000_000, 2_000_000)).spawn(runtime, "plugin-1", probe("""
                long work(long n) {
                    long sum = 0;
                    for (long i = 0; i < n; i++) {
                        sum += i;
                    }
                    return sum;
                }
                """), Probe.class, List.of());
        Probe root = settle(confined.root());
        List<Promise<Long>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(root.run(50_000));
        }
        scheduler.runUntilIdle();
        assertThat(answers.getFirst().problemOrNull()).isNull();
        assertThat(Ref.problem(root)).isEqualTo(new Problem(Problem.VAT_SHUT_DOWN,
                "vat plugin-1 terminated: used more than 2000000 computrons in all"));
        assertThat(answers.getLast().problemOrNull()).isEqualTo(Ref.problem(root));
    }

    @Test
    void terminateBreaksTheRootWithTheReasonGiven() throws Exception {
        ConfinedVat<Probe> confined = spawn(probe("long work(long n) { return n; }"));
        Probe root = settle(confined.root());
        confined.terminate("the host is done with it");
        assertThat(root.run(1).problemOrNull()).isEqualTo(new Problem(Problem.VAT_SHUT_DOWN,
                "vat plugin-1 terminated: the host is done with it"));
        List<String> heard = new ArrayList<>();
        confined.whenEnding(heard::add);
        confined.terminate("again");
        assertThat(heard).as("a listener that comes late is told at once, and once").containsExactly(
                "the host is done with it");
    }

    /** A logger that keeps the lines it is given. */
    private record ListLogger(List<String> lines) implements System.Logger {
        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
        }
    }

}
