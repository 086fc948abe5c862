/*
 * Workload: one call per operation into a vat whose turn does compute-heavy work
 * (example.crunch.Crunch: ROUNDS rounds of a loop over a small table with a call in each),
 * answered with a Promise<Long> that the benchmark thread joins:
 *   metered   - the bundle spawned by Confinement: its own class loader, every region and
 *               call charged to its meter, a turn guard around each turn;
 *   unmetered - the same class, loaded as it is, exported from a plain vat.
 * The ratio metered / unmetered is the cost of metering (aim: at most 1.25).
 *   spawn     - Confinement.spawn of the bundle, already verified and metered (cached), up to
 *               its root answering, then terminate (aim: at most 5 ms).
 * Scores are sampled times per operation; RESULTS.md reports their medians (p0.50).
 * Baseline: unmetered.
 */
package dev.erg.bench.confine;

import dev.erg.confine.Bundle;
import dev.erg.confine.BundleRejectedException;
import dev.erg.confine.ConfinedVat;
import dev.erg.confine.Confinement;
import dev.erg.confine.Limits;
import dev.erg.vat.VatRuntime;
import example.crunch.Crunch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
public class MeterBench {

    /** Rounds per turn: about 100 µs of work, so the send and the answer are a small part. */
    static final int ROUNDS = 100_000;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private VatRuntime runtime;
    private Confinement confinement;
    private Bundle bundle;
    private Cruncher metered;
    private Cruncher unmetered;

    @Setup
    public void setUp() throws BundleRejectedException {
        runtime = VatRuntime.create();
        bundle = Bundle.ofClasses(Crunch.class.getName(), Map.of(Crunch.class.getName(), classFile(Crunch.class)));
        confinement = Confinement.builder().hostTypes(List.of(Cruncher.class))
                .limits(new Limits(1_000_000_000L, Long.MAX_VALUE)).build();
        metered = confinement.spawn(runtime, "metered", bundle, Cruncher.class, List.of()).root().join(WAIT);
        unmetered = runtime.newVat("unmetered").export(new Crunch(), Cruncher.class);
    }

    @TearDown
    public void tearDown() {
        runtime.close();
    }

    @Benchmark
    public long metered() {
        return metered.crunch(ROUNDS).join(WAIT);
    }

    @Benchmark
    public long unmetered() {
        return unmetered.crunch(ROUNDS).join(WAIT);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Cruncher spawn() throws BundleRejectedException {
        ConfinedVat<Cruncher> vat = confinement.spawn(runtime, "spawned", bundle, Cruncher.class, List.of());
        Cruncher root = vat.root().join(WAIT);
        vat.terminate("measured");
        return root;
    }

    private static byte[] classFile(Class<?> type) {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
