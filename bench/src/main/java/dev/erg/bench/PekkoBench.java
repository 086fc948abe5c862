/*
 * Workload: the Erg message workloads, run on Apache Pekko typed actors in the same JMH run
 * so that the numbers sit side by side. Each operation moves Workload.MESSAGES messages:
 *   sendOnly      - one sender actor, told once, sends MESSAGES fire-and-forget messages to
 *                   a receiver actor, then a Flush that completes a future (the Erg
 *                   counterpart: InterVatSendBench.sendOnly);
 *   requestAnswer - ping-pong: a sender actor sends MESSAGES Pings carrying its own ActorRef;
 *                   the receiver answers each with a Pong; the sender counts them and
 *                   completes a future at the last (InterVatSendBench.requestAnswer);
 *   fanIn         - Workload.SENDERS sender actors each send their share to one receiver,
 *                   then a Flush each (FanInBench.fanIn).
 * Scores are messages per second. The default dispatcher is given as many threads as Erg's
 * runtime has (one per processor) rather than Pekko's default of at least 8; `throughput`
 * is how many messages an actor handles before yielding its thread: 5 is Pekko's default,
 * 256 is what an Erg vat runs per batch.
 * Baseline: this class is the baseline of the Erg benchmarks named above.
 */
package dev.erg.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
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
public class PekkoBench {

    private static final int EACH = Workload.MESSAGES / Workload.SENDERS;

    /** Messages an actor handles before it yields its thread. */
    @Param({"5", "256"})
    public int throughput;

    private ActorSystem<Void> system;
    private ActorRef<PingerMsg> pinger;
    private List<ActorRef<BlasterMsg>> blasters;

    @Setup
    public void setUp() throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        Config config = ConfigFactory.parseString("""
                pekko.loglevel = WARNING
                pekko.stdout-loglevel = WARNING
                pekko.log-dead-letters = off
                pekko.actor.default-dispatcher {
                  executor = "fork-join-executor"
                  fork-join-executor {
                    parallelism-min = %d
                    parallelism-max = %d
                    parallelism-factor = 1.0
                  }
                  throughput = %d
                }
                """.formatted(threads, threads, throughput)).withFallback(ConfigFactory.load());
        CompletableFuture<ActorRef<PingerMsg>> pingerReady = new CompletableFuture<>();
        CompletableFuture<List<ActorRef<BlasterMsg>>> blastersReady = new CompletableFuture<>();
        Behavior<Void> guardian = Behaviors.setup(ctx -> {
            ActorRef<ReceiverMsg> receiver = ctx.spawn(Receiver.create(), "receiver");
            pingerReady.complete(ctx.spawn(Pinger.create(receiver), "pinger"));
            List<ActorRef<BlasterMsg>> spawned = new ArrayList<>();
            for (int k = 0; k < Workload.SENDERS; k++) {
                spawned.add(ctx.spawn(Blaster.create(receiver), "blaster-" + k));
            }
            blastersReady.complete(List.copyOf(spawned));
            return Behaviors.empty();
        });
        system = ActorSystem.create(guardian, "bench", config);
        pinger = pingerReady.get(10, TimeUnit.SECONDS);
        blasters = blastersReady.get(10, TimeUnit.SECONDS);
    }

    @TearDown
    public void tearDown() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.MESSAGES)
    public long sendOnly() throws Exception {
        CompletableFuture<Long> flushed = new CompletableFuture<>();
        blasters.get(0).tell(new Blast(Workload.MESSAGES, flushed));
        return await(flushed);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.MESSAGES)
    public long requestAnswer() throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        pinger.tell(new PingAll(Workload.MESSAGES, done));
        return await(done);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.MESSAGES)
    public long fanIn() throws Exception {
        List<CompletableFuture<Long>> flushed = new ArrayList<>(blasters.size());
        for (ActorRef<BlasterMsg> blaster : blasters) {
            CompletableFuture<Long> f = new CompletableFuture<>();
            flushed.add(f);
            blaster.tell(new Blast(EACH, f));
        }
        long last = 0;
        for (CompletableFuture<Long> f : flushed) {
            last = Math.max(last, await(f));
        }
        return last;
    }

    private static long await(CompletableFuture<Long> f)
            throws InterruptedException, ExecutionException, TimeoutException {
        return f.get(Workload.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- the receiver: counts fire-and-forget Hits, answers Pings and Flushes ----

    sealed interface ReceiverMsg permits Hit, Ping, Flush {
    }

    record Hit(long value) implements ReceiverMsg {
    }

    record Ping(long value, ActorRef<PingerMsg> replyTo) implements ReceiverMsg {
    }

    record Flush(CompletableFuture<Long> reply) implements ReceiverMsg {
    }

    static final class Receiver extends AbstractBehavior<ReceiverMsg> {
        private long count;

        static Behavior<ReceiverMsg> create() {
            return Behaviors.setup(Receiver::new);
        }

        private Receiver(ActorContext<ReceiverMsg> context) {
            super(context);
        }

        @Override
        public Receive<ReceiverMsg> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Hit.class, hit -> {
                        count++;
                        return this;
                    })
                    .onMessage(Ping.class, ping -> {
                        ping.replyTo().tell(new Pong(ping.value()));
                        return this;
                    })
                    .onMessage(Flush.class, flush -> {
                        flush.reply().complete(count);
                        return this;
                    })
                    .build();
        }
    }

    // ---- the request/answer sender ----

    sealed interface PingerMsg permits PingAll, Pong {
    }

    record PingAll(int n, CompletableFuture<Long> done) implements PingerMsg {
    }

    record Pong(long value) implements PingerMsg {
    }

    static final class Pinger extends AbstractBehavior<PingerMsg> {
        private final ActorRef<ReceiverMsg> receiver;
        private CompletableFuture<Long> done;
        private int expected;
        private int seen;
        private long sum;

        static Behavior<PingerMsg> create(ActorRef<ReceiverMsg> receiver) {
            return Behaviors.setup(ctx -> new Pinger(ctx, receiver));
        }

        private Pinger(ActorContext<PingerMsg> context, ActorRef<ReceiverMsg> receiver) {
            super(context);
            this.receiver = receiver;
        }

        @Override
        public Receive<PingerMsg> createReceive() {
            return newReceiveBuilder()
                    .onMessage(PingAll.class, go -> {
                        done = go.done();
                        expected = go.n();
                        seen = 0;
                        sum = 0;
                        ActorRef<PingerMsg> self = getContext().getSelf();
                        for (int i = 0; i < go.n(); i++) {
                            receiver.tell(new Ping(i, self));
                        }
                        return this;
                    })
                    .onMessage(Pong.class, pong -> {
                        sum += pong.value();
                        if (++seen == expected) {
                            done.complete(sum);
                        }
                        return this;
                    })
                    .build();
        }
    }

    // ---- the send-only sender ----

    sealed interface BlasterMsg permits Blast {
    }

    record Blast(int n, CompletableFuture<Long> flushed) implements BlasterMsg {
    }

    static final class Blaster extends AbstractBehavior<BlasterMsg> {
        private final ActorRef<ReceiverMsg> receiver;

        static Behavior<BlasterMsg> create(ActorRef<ReceiverMsg> receiver) {
            return Behaviors.setup(ctx -> new Blaster(ctx, receiver));
        }

        private Blaster(ActorContext<BlasterMsg> context, ActorRef<ReceiverMsg> receiver) {
            super(context);
            this.receiver = receiver;
        }

        @Override
        public Receive<BlasterMsg> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Blast.class, blast -> {
                        for (int i = 0; i < blast.n(); i++) {
                            receiver.tell(new Hit(i));
                        }
                        receiver.tell(new Flush(blast.flushed()));
                        return this;
                    })
                    .build();
        }
    }
}
