/*
 * Workload: eventual sends between two vats of one JVM. In one turn, a sender vat sends
 * Workload.MESSAGES messages to an object of a receiver vat; the operation ends when the
 * receiver has handled all of them. Two variants:
 *   sendOnly      - void messages, then one answered flush() whose answer (queued behind them
 *                   in E-order) ends the operation;
 *   requestAnswer - every message answers a Promise<Long>; the sender counts the answers with
 *                   when() callbacks in its own turns, and the last one ends the operation.
 * Scores are messages per second (@OperationsPerInvocation). `threads` is the runtime's
 * thread count: 0 for its default (one per processor), 1 to run both vats on one thread,
 * which shows what handing messages between threads costs.
 * Baseline: PekkoBench.sendOnly and PekkoBench.requestAnswer run the same workloads on Apache
 * Pekko typed actors; the target is at least 5 million inter-vat sends per second.
 */
package dev.erg.bench;

import dev.erg.bench.Receivers.CountingSink;
import dev.erg.bench.Receivers.Echo;
import dev.erg.bench.Receivers.Echoer;
import dev.erg.bench.Receivers.Sink;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
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
public class InterVatSendBench {

    /** Threads of the runtime; 0: the default, one per available processor. */
    @Param({"0", "1"})
    public int threads;

    private VatRuntime runtime;
    private Vat sender;
    private Sink sink;
    private Echo echo;

    @Setup
    public void setUp() {
        runtime = threads == 0 ? VatRuntime.create() : VatRuntime.builder().threads(threads).build();
        sender = runtime.newVat("sender");
        Vat receiver = runtime.newVat("receiver");
        sink = receiver.export(new CountingSink(), Sink.class);
        echo = receiver.export(new Echoer(), Echo.class);
    }

    @TearDown
    public void tearDown() {
        runtime.close();
    }

    @Benchmark
    @OperationsPerInvocation(Workload.MESSAGES)
    public long sendOnly() {
        return Workload.sendOnly(sender, sink);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.MESSAGES)
    public long requestAnswer() {
        return Workload.requestAnswer(sender, echo);
    }
}
