/*
 * Workload: fan-in. Workload.SENDERS sender vats each send their share of Workload.MESSAGES
 * send-only messages, in one turn, to one object of a single receiver vat, then one answered
 * flush(); the operation ends when all the flush answers have arrived, i.e. when the receiver
 * has handled every message. Scores are messages per second.
 * Baseline: PekkoBench.fanIn, the same workload with Pekko typed actors; InterVatSendBench.
 * sendOnly is the one-sender case. With more senders than processors, the senders contend
 * for the receiver's inbox and for the threads.
 */
package dev.erg.bench;

import dev.erg.bench.Receivers.CountingSink;
import dev.erg.bench.Receivers.Sink;
import dev.erg.vat.Deferred;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.util.ArrayList;
import java.util.List;
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
public class FanInBench {

    private static final int EACH = Workload.MESSAGES / Workload.SENDERS;

    private VatRuntime runtime;
    private final List<Vat> senders = new ArrayList<>();
    private Sink sink;

    @Setup
    public void setUp() {
        runtime = VatRuntime.create();
        for (int k = 0; k < Workload.SENDERS; k++) {
            senders.add(runtime.newVat("sender-" + k));
        }
        sink = runtime.newVat("receiver").export(new CountingSink(), Sink.class);
    }

    @TearDown
    public void tearDown() {
        runtime.close();
    }

    @Benchmark
    @OperationsPerInvocation(Workload.MESSAGES)
    public long fanIn() {
        List<Promise<Long>> flushed = new ArrayList<>(senders.size());
        for (Vat sender : senders) {
            Deferred<Long> done = Promise.defer();
            flushed.add(done.promise());
            sender.run(() -> {
                for (int i = 0; i < EACH; i++) {
                    sink.accept(i);
                }
                done.resolver().forward(sink.flush());
            });
        }
        long last = 0;
        for (Promise<Long> p : flushed) {
            last = Math.max(last, p.join(Workload.TIMEOUT));
        }
        return last;
    }
}
