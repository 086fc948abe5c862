package dev.erg.confine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.confine.meter.CallPricer;
import dev.erg.confine.meter.Gauge;
import dev.erg.confine.meter.Price;
import dev.erg.confine.testkit.BundleCompiler;
import dev.erg.vat.DeterministicScheduler;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Timer;
import dev.erg.vat.VatRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Metering changes what a bundle costs, never what it answers, and costs the same on every run. */
class MeteringTest {

    /** Records, lambdas, streams, string concatenation, a pattern switch and exceptions. */
    private static final Bundle REALISTIC = ConfinedVatTest.probe("""
            record Item(String name, long weight) {}

            sealed interface Shape permits Square, Circle {}
            record Square(long side) implements Shape {}
            record Circle(long radius) implements Shape {}

            static long area(Shape shape) {
                return switch (shape) {
                    case Square s -> s.side() * s.side();
                    case Circle c -> 3 * c.radius() * c.radius();
                };
            }

            long work(long n) {
                List<Item> items = new ArrayList<>();
                for (long i = 0; i < n; i++) {
                    items.add(new Item("item-" + i, i * 7 % 13));
                }
                long heavy = items.stream().filter(it -> it.weight() > 5).mapToLong(Item::weight).sum();
                long shapes = 0;
                for (long i = 0; i < n; i++) {
                    shapes += area(i % 2 == 0 ? new Square(i) : new Circle(i));
                }
                long caught = 0;
                try {
                    Long.parseLong("not a number");
                } catch (NumberFormatException e) {
                    caught = e.getMessage().length();
                }
                int[][] grid = new int[3][4];
                grid[2][3] = (int) n;
                return heavy + shapes + caught + grid[2][3] + items.get((int) (n / 2)).name().hashCode();
            }
            """);

    private static Confinement confinement(CallPricer pricer) {
        return Confinement.builder().hostTypes(List.of(Probe.class)).limits(new Limits(10_000_000, 100_000_000))
                .callPricer(pricer).build();
    }

    /** Spawns the bundle alone in a new runtime and runs {@code run(n)}; answers the result and what it used. */
    private static long[] runConfined(Bundle bundle, CallPricer pricer, long n) throws BundleRejectedException {
        DeterministicScheduler scheduler = new DeterministicScheduler(3);
        try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).build()) {
            ConfinedVat<Probe> vat = confinement(pricer).spawn(runtime, "metered", bundle, Probe.class, List.of());
            scheduler.runUntilIdle();
            Probe root = vat.root().join(Duration.ZERO);
            long before = vat.used();
            Promise<Long> answer = root.run(n);
            scheduler.runUntilIdle();
            if (answer.problemOrNull() != null) {
                return new long[] {Long.MIN_VALUE, vat.used() - before};
            }
            return new long[] {answer.join(Duration.ZERO), vat.used() - before};
        }
    }

    private static long runUnmetered(Bundle bundle, long n) throws ReflectiveOperationException {
        ClassLoader loader = new ClassLoader("unmetered", MeteringTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = bundle.classFile(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        VatEntry entry = (VatEntry) loader.loadClass(bundle.entry()).getConstructor().newInstance();
        Probe probe = (Probe) entry.start(new Endowments() {
            @Override
            public Timer timer() {
                throw new UnsupportedOperationException();
            }

            @Override
            public RandomGenerator random() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void log(String line) {
            }

            @Override
            public Storage storage() {
                throw new UnsupportedOperationException();
            }
        }, List.of());
        return probe.run(n).join(Duration.ZERO);
    }

    @Test
    void aBundleAnswersTheSameMeteredAsUnmetered() throws Exception {
        long[] metered = runConfined(REALISTIC, CallPricer.standard(), 200);
        assertThat(metered[0]).isEqualTo(runUnmetered(REALISTIC, 200));
        assertThat(metered[1]).isPositive();
    }

    @Test
    void theSameBundleAndInputUseTheSameComputronsOnEveryRun() throws Exception {
        long[] first = runConfined(REALISTIC, CallPricer.standard(), 300);
        long[] second = runConfined(REALISTIC, CallPricer.standard(), 300);
        long[] more = runConfined(REALISTIC, CallPricer.standard(), 600);
        assertThat(second).containsExactly(first);
        assertThat(more[1]).isGreaterThan(first[1]);
    }

    @Test
    void aSizedCallIsChargedItsOperandsSizeBeforeItRuns() throws Exception {
        Bundle repeat = ConfinedVatTest.probe("""
                long work(long n) {
                    return "ab".repeat((int) n).length();
                }
                """);
        CallPricer pricer = (owner, name, descriptor, isStatic) -> owner.equals("java/lang/String") && name.equals("repeat")
                ? Price.sized(1, 1) : Price.fixed(1);
        long[] small = runConfined(repeat, pricer, 1000);
        assertThat(small[0]).isEqualTo(2000L);
        assertThat(small[1]).isGreaterThanOrEqualTo(1000L);
        assertThat(runConfined(repeat, pricer, 20_000_000)[0]).isEqualTo(Long.MIN_VALUE);
        assertThat(runConfined(repeat, CallPricer.standard(), 1000)[1]).isLessThan(1000L);
    }

    @Test
    void aSizedCallAfterOtherCallsIsChargedItsOwnOperandsSize() throws Exception {
        Bundle repeat = ConfinedVatTest.probe("""
                long work(long n) {
                    long times = Math.abs(n);
                    return "ab".repeat((int) times).length();
                }
                """);
        CallPricer pricer = (owner, name, descriptor, isStatic) -> owner.equals("java/lang/String") && name.equals("repeat")
                ? Price.sized(1, 1) : Price.fixed(1);
        long[] small = runConfined(repeat, pricer, 1000);
        assertThat(small[0]).isEqualTo(2000L);
        assertThat(small[1]).isGreaterThanOrEqualTo(1000L);
        assertThat(runConfined(repeat, pricer, 20_000_000)[0]).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aTightLoopIsChargedPerIterationNotPerCreditTaken() throws Exception {
        Bundle tight = ConfinedVatTest.probe("""
                long work(long n) {
                    long sum = 0;
                    for (long i = 0; i < n; i++) {
                        sum = mix(sum, i);
                    }
                    return sum;
                }

                private static long mix(long sum, long i) {
                    return sum * 31 + (i ^ (sum >>> 17));
                }
                """);
        long[] hundred = runConfined(tight, CallPricer.standard(), 100);
        long[] twoHundred = runConfined(tight, CallPricer.standard(), 200);
        long[] threeHundred = runConfined(tight, CallPricer.standard(), 300);
        assertThat(hundred[0]).isEqualTo(runUnmetered(tight, 100));
        assertThat(twoHundred[1] - hundred[1]).isPositive().isEqualTo(threeHundred[1] - twoHundred[1]);
    }

    @Test
    void aLoopEndedByAnExceptionTheJvmThrowsIsStillCharged() throws Exception {
        Bundle spinThenFail = ConfinedVatTest.probe("""
                long work(long n) {
                    long caught = 0;
                    for (int round = 0; round < 10; round++) {
                        try {
                            caught += spin(n);
                        } catch (ArrayIndexOutOfBoundsException e) {
                            caught++;
                        }
                    }
                    return caught;
                }

                static long spin(long n) {
                    long sum = 0;
                    for (long i = 0; i < n; i++) {
                        sum = sum * 31 + i;
                    }
                    int[] none = new int[0];
                    return none[(int) (sum & 1) + 1];
                }
                """);
        long[] thousand = runConfined(spinThenFail, CallPricer.standard(), 1_000);
        long[] twoThousand = runConfined(spinThenFail, CallPricer.standard(), 2_000);
        assertThat(thousand[0]).isEqualTo(10);
        // Ten frames that each spun a thousand more rounds and then died of an exception: each round is charged.
        assertThat(twoThousand[1] - thousand[1]).isGreaterThanOrEqualTo(10 * 1_000 * 5);
    }

    @Test
    void runningOutInsideACalleeStaysStickyInTheCallersHandler() throws Exception {
        Bundle swallow = ConfinedVatTest.probe("""
                long work(long n) {
                    long rounds = 0;
                    while (true) {
                        try {
                            rounds += spin(n);
                        } catch (RuntimeException e) {
                            rounds++;
                        }
                    }
                }

                static long spin(long n) {
                    long sum = 0;
                    for (long i = 0; i < n; i++) {
                        sum = sum * 31 + i;
                    }
                    return sum & 1;
                }
                """);
        long[] run = runConfined(swallow, CallPricer.standard(), 1_000_000);
        assertThat(run[0]).isEqualTo(Long.MIN_VALUE);
        assertThat(run[1]).isBetween(10_000_000L, 10_100_000L);
    }

    @Test
    void aBundleClassWithTheMetersNameIsRejected() {
        Bundle impostor = BundleCompiler.bundle(Gauge.NAME, Map.of(Gauge.NAME, """
                package dev.erg.confine.gauge;
                public final class Gauge {
                    public static long left = Long.MAX_VALUE;
                }
                """));
        assertThatThrownBy(() -> confinement(CallPricer.standard()).verify(impostor))
                .isInstanceOfSatisfying(BundleRejectedException.class, e -> assertThat(e.violations())
                        .extracting(Violation::rule).contains("package"));
    }

    @Test
    void anEntryThatCannotBeMadeBreaksTheRootAndStopsTheVat() throws Exception {
        Bundle notEntry = BundleCompiler.bundle("plug.Main", Map.of("plug.Main", """
                package plug;
                import dev.erg.confine.Endowments;
                import dev.erg.confine.VatEntry;
                import java.util.List;
                public final class Main implements VatEntry {
                    public Main() {
                        throw new IllegalStateException("not today");
                    }
                    public Object start(Endowments endowments, List<Object> args) {
                        return this;
                    }
                }
                """));
        DeterministicScheduler scheduler = new DeterministicScheduler(4);
        try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).build()) {
            ConfinedVat<Probe> vat = confinement(CallPricer.standard()).spawn(runtime, "bad", notEntry, Probe.class,
                    List.of());
            scheduler.runUntilIdle();
            assertThat(vat.root().problemOrNull()).satisfies(problem -> {
                assertThat(problem.kind()).isEqualTo("BadEntry");
                assertThat(problem.message()).startsWith("plug.Main's constructor threw").contains("not today");
            });
            assertThat(vat.vat().isShutDown()).isTrue();
            assertThat(Ref.problem(vat.root())).isNotNull();
        }
    }
}
