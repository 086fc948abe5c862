/*
 * Workload: eventual sends to an object of the same vat. In one turn, a vat sends
 * Workload.MESSAGES messages to an eventual reference of one of its own objects; each
 * message runs in a later turn of that vat. Variants as in InterVatSendBench: sendOnly (void
 * messages, then an answered flush) and requestAnswer (Promise<Long> answers counted with
 * when()). Scores are messages per second.
 * Baseline: InterVatSendBench, the same workloads across two vats; the difference is what
 * crossing vats costs (argument passing, a second thread, the inbox's contention). Only one
 * thread can work here, as a vat runs one turn at a time.
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
public class IntraVatSendBench {

    private VatRuntime runtime;
    private Vat vat;
    private Sink sink;
    private Echo echo;

    @Setup
    public void setUp() {
        runtime = VatRuntime.create();
        vat = runtime.newVat("alone");
        sink = vat.export(new CountingSink(), Sink.class);
        echo = vat.export(new Echoer(), Echo.class);
    }

    @TearDown
    public void tearDown() {
        runtime.close();
    }

    @Benchmark
    @OperationsPerInvocation(Workload.MESSAGES)
    public long sendOnly() {
        return Workload.sendOnly(vat, sink);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.MESSAGES)
    public long requestAnswer() {
        return Workload.requestAnswer(vat, echo);
    }
}
