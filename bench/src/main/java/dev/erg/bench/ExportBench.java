/*
 * Workload: making references, one per operation, outside any turn:
 *   export    - vat.export(object, Sink.class): a new eventual reference (a Proxy);
 *   promiseAs - promise.as(Sink.class): a new pipelined proxy of a pending promise;
 *   defer     - Promise.defer(): a pending promise and its resolver, for scale.
 * Scores are nanoseconds per reference. Every answered send makes a promise, every send
 * through an answer (pipelining) makes a promise proxy, and every near object that crosses
 * into another vat (an answer returning `this`) makes an eventual reference, so these costs
 * add to the message rates of PromiseBench.
 * Baseline: defer, the cheapest thing a send allocates; Pekko needs no proxy per reference
 * (an ActorRef is made once per actor).
 */
package dev.erg.bench;

import dev.erg.bench.Receivers.CountingSink;
import dev.erg.bench.Receivers.Sink;
import dev.erg.vat.Deferred;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
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
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
public class ExportBench {

    private VatRuntime runtime;
    private Vat vat;
    private final CountingSink object = new CountingSink();
    private Promise<Sink> pending;

    @Setup
    public void setUp() {
        runtime = VatRuntime.create();
        vat = runtime.newVat("home");
        Deferred<Sink> d = Promise.defer();
        pending = d.promise();
    }

    @TearDown
    public void tearDown() {
        runtime.close();
    }

    @Benchmark
    public Sink export() {
        return vat.export(object, Sink.class);
    }

    @Benchmark
    public Sink promiseAs() {
        return pending.as(Sink.class);
    }

    @Benchmark
    public Deferred<Long> defer() {
        return Promise.defer();
    }
}
