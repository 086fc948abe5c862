/*
 * Workload: promise machinery inside vats, Workload.MESSAGES times per operation.
 *   deferResolveWhen - in one turn: Promise.defer(), register a when() callback, resolve;
 *                      each callback runs in a later turn of the same vat, and the last one
 *                      ends the operation (scores: promises resolved and observed per second);
 *   pipelinedBatch   - in one turn of vat A: send MESSAGES void messages and one flush()
 *                      through an unresolved promise (Promise.as), then resolve it to an
 *                      object of vat B; the queued messages are delivered in order and the
 *                      flush answer ends the operation (scores: pipelined messages/second);
 *   pipelinedChain   - from vat A: link.next().as(Link).next()... MESSAGES deep, each send
 *                      to the answer of the previous one, before any answer exists; then
 *                      hops() on the last; its answer ends the operation (scores: hops/s).
 *                      The link returns `this`, which reaches A as a new eventual reference.
 * Baseline: InterVatSendBench.sendOnly is the same traffic as pipelinedBatch sent to a
 * resolved reference; Pekko has no promises of its own to compare with.
 */
package dev.erg.bench;

import dev.erg.bench.Receivers.AnswerCounter;
import dev.erg.bench.Receivers.CountingSink;
import dev.erg.bench.Receivers.Link;
import dev.erg.bench.Receivers.SelfLink;
import dev.erg.bench.Receivers.Sink;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"})
public class PromiseBench {

    private static final Long VALUE = 42L;

    private VatRuntime runtime;
    private Vat a;
    private Sink sinkInB;
    private Link linkInB;

    @Setup
    public void setUp() {
        runtime = VatRuntime.create();
        a = runtime.newVat("a");
        Vat b = runtime.newVat("b");
        sinkInB = b.export(new CountingSink(), Sink.class);
        linkInB = b.export(new SelfLink(), Link.class);
    }

    @TearDown
    public void tearDown() {
        runtime.close();
    }

    @Benchmark
    @OperationsPerInvocation(Workload.MESSAGES)
    public long deferResolveWhen() {
        Deferred<Long> done = Promise.defer();
        a.run(() -> {
            AnswerCounter counter = new AnswerCounter(Workload.MESSAGES, done.resolver());
            Consumer<Problem> broken = counter::broken;
            for (int i = 0; i < Workload.MESSAGES; i++) {
                Deferred<Long> d = Promise.defer();
                d.promise().when(counter, broken);
                d.resolver().resolve(VALUE);
            }
        });
        return done.promise().join(Workload.TIMEOUT);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.MESSAGES)
    public long pipelinedBatch() {
        Deferred<Long> done = Promise.defer();
        a.run(() -> {
            Deferred<Sink> target = Promise.defer();
            Sink pipelined = target.promise().as(Sink.class);
            for (int i = 0; i < Workload.MESSAGES; i++) {
                pipelined.accept(i);
            }
            done.resolver().forward(pipelined.flush());
            target.resolver().resolve(sinkInB);
        });
        return done.promise().join(Workload.TIMEOUT);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.MESSAGES)
    public long pipelinedChain() {
        Deferred<Long> done = Promise.defer();
        a.run(() -> {
            Link link = linkInB;
            for (int i = 0; i < Workload.MESSAGES; i++) {
                link = link.next().as(Link.class);
            }
            done.resolver().forward(link.hops());
        });
        return done.promise().join(Workload.TIMEOUT);
    }
}
