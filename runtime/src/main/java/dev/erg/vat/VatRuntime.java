package dev.erg.vat;

import dev.erg.trace.Tracer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A home for vats: the threads (or deterministic scheduler) that run their turns, and the
 * clock they share. Closing the runtime shuts down every vat it made.
 *
 * {@snippet :
 * try (VatRuntime runtime = VatRuntime.create()) {
 *     Vat bob = runtime.newVat("bob");
 *     Counter counter = bob.export(new Tally(), Counter.class);
 *     long now = counter.increment(5).join(Duration.ofSeconds(1));
 * }
 * }
 */
public final class VatRuntime implements AutoCloseable {

    private final Scheduler scheduler;
    private final Timer timer;
    private final VatObserver observer;
    private final Tracer tracer;
    private final Set<Vat> vats = ConcurrentHashMap.newKeySet();
    private final AtomicLong made = new AtomicLong();
    private volatile boolean closed;

    VatRuntime(Scheduler scheduler, VatObserver observer, Tracer tracer) {
        this.scheduler = scheduler;
        this.timer = new SchedulerTimer(scheduler);
        this.observer = observer;
        this.tracer = tracer;
        if (tracer != null) {
            Traces.active = true;
        }
    }

    /** A runtime whose vats share one thread per available processor. */
    public static VatRuntime create() {
        return builder().build();
    }

    /** A builder for a runtime with chosen threads or a deterministic scheduler. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A new, empty vat. Its name appears in logs and problems; it need not be unique.
     *
     * @throws IllegalStateException if this runtime is closed
     */
    public Vat newVat(String name) {
        Objects.requireNonNull(name, "name");
        if (closed) {
            throw new IllegalStateException("runtime is closed");
        }
        Vat vat = new Vat(this, name, made.getAndIncrement());
        vats.add(vat);
        if (closed) {
            vat.shutdown();
        }
        return vat;
    }

    /** The clock and timers shared by this runtime's vats. */
    public Timer timer() {
        return timer;
    }

    /** The number of vats made here and not yet shut down. */
    public int vatCount() {
        return vats.size();
    }

    /** Shuts down every vat, then stops the threads. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Vat vat : List.copyOf(vats)) {
            vat.shutdown();
        }
        scheduler.close();
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /** The observer given to the builder, or null. */
    VatObserver observer() {
        return observer;
    }

    /** The tracer given to the builder, or null. */
    Tracer tracer() {
        return tracer;
    }

    void forget(Vat vat) {
        vats.remove(vat);
    }

    /** Chooses how a runtime runs its vats. */
    public static final class Builder {

        private int threads = Runtime.getRuntime().availableProcessors();
        private int turnsPerBatch = 256;
        private DeterministicScheduler deterministic;
        private VatObserver observer;
        private Tracer tracer;

        private Builder() {
        }

        /** Threads shared by all vats; default: the number of available processors. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
            }
            this.threads = threads;
            return this;
        }

        /**
         * Turns a vat runs before it lets its thread serve another vat; higher favours
         * throughput, lower fairness. Default 256.
         */
        public Builder turnsPerBatch(int turns) {
            if (turns < 1) {
                throw new IllegalArgumentException("turnsPerBatch: " + turns + " (expected: >= 1)");
            }
            this.turnsPerBatch = turns;
            return this;
        }

        /** Runs every turn on the thread that drives {@code scheduler}, in a seeded order. */
        public Builder scheduler(DeterministicScheduler scheduler) {
            this.deterministic = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Tells {@code observer} about every turn of the runtime's vats; default: no observer. */
        public Builder observer(VatObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Traces the causality of the runtime's turns with {@code tracer}: each vat keeps a
         * log of sends, turns and settled answers (see {@link Tracer}); default: no tracing,
         * at no cost.
         */
        public Builder tracer(Tracer tracer) {
            this.tracer = Objects.requireNonNull(tracer, "tracer");
            return this;
        }

        /** The runtime. */
        public VatRuntime build() {
            Scheduler scheduler = deterministic != null ? deterministic
                    : new PoolScheduler(threads, turnsPerBatch, PoolScheduler.HOLD_NANOS);
            return new VatRuntime(scheduler, observer, tracer);
        }
    }
}
