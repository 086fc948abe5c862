package dev.erg.trace;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Causality tracing for the vats of one {@link dev.erg.vat.VatRuntime} (given to
 * {@link dev.erg.vat.VatRuntime.Builder#tracer}): every eventual send made in a sampled turn
 * carries a {@link TraceContext}, the turn that receives it runs under it, and each vat records
 * sends, turn boundaries and the settling of answers in its {@link TraceLog}. A runtime built
 * without a tracer records nothing and carries no context.
 *
 * <p>Whether a trace is recorded is decided once, at its root: a turn queued from outside any
 * turn (a {@link dev.erg.vat.Vat#run} or an eventual send from a plain thread, or a message
 * from another machine that carries no context) is sampled at {@link Builder#sampleRate}; the
 * answer of a message sent so is named by the root; everything it causes
 * inherits the decision, across vats and, through the wire, across machines.
 *
 * <p>Span and trace ids are drawn from a counter mixed with a random salt (given by
 * {@link Builder#seed} for repeatable tests), so that they are unique and cheap. Whether a root
 * is sampled is decided by a {@link Sampler} that the thread starting it keeps: it draws how
 * many roots to leave unsampled before the next sampled one and counts them down, so that an
 * unsampled root costs a decrement rather than a random number. The draws come from the
 * thread's own random numbers, which no other thread touches; with a seed, from a sequence of
 * the tracer's own, so that a test on one thread samples the same roots each time.
 *
 * <p>An end's turn time ({@link TraceEvent#nanos}) is measured for a tracer with a sink, or one
 * built with {@link Builder#turnTimes}; otherwise ends record 0 and a sampled turn reads no
 * clock for the log (see {@link #timesTurns}).
 */
public final class Tracer {

    private static final long SAMPLE_SCALE = 1L << 24;

    private final long sampleBelow;
    /** {@code log(1 - rate)}, as the rate was rounded to 24 bits: the scale of a geometric draw. */
    private final double logUnsampled;
    private final boolean timesTurns;
    private final int capacity;
    private final TraceSink sink;
    private final long salt;
    private final boolean seeded;
    private final AtomicLong counter = new AtomicLong();
    /** The sampling draws made so far, with a seed; kept apart from the ids, which sampled turns draw. */
    private final AtomicLong draws = new AtomicLong();
    private final List<TraceLog> logs = new CopyOnWriteArrayList<>();

    private Tracer(Builder builder) {
        this.sampleBelow = (long) Math.ceil(builder.sampleRate * SAMPLE_SCALE);
        this.logUnsampled = Math.log1p(-(double) sampleBelow / SAMPLE_SCALE);
        this.timesTurns = builder.turnTimes || builder.sink != null;
        this.capacity = builder.capacity;
        this.sink = builder.sink;
        this.seeded = builder.seed != null;
        this.salt = seeded ? builder.seed : new SecureRandom().nextLong();
    }

    /** A builder: every trace sampled, 4,096 events kept per vat, no sink. */
    public static Builder builder() {
        return new Builder();
    }

    /** A new log for a vat, kept by this tracer. */
    public TraceLog newLog(String vat) {
        TraceLog log = new TraceLog(vat, capacity, sink);
        logs.add(log);
        return log;
    }

    /**
     * Stops keeping {@code log}, whose vat has shut down: a tracer keeps the logs of live vats
     * only (a {@link TraceSink} keeps everything).
     */
    public void retire(TraceLog log) {
        logs.remove(log);
    }

    /**
     * A new sampler of roots, for one thread to keep: it decides, root by root, whether a trace
     * started on that thread is recorded.
     */
    public Sampler sampler() {
        return new Sampler(this);
    }

    /** Whether the ends of sampled turns carry their turn time: with a sink, or if asked. */
    public boolean timesTurns() {
        return timesTurns;
    }

    /** The root context of a new trace, which the sampling has chosen to record. */
    TraceContext sampledRoot() {
        long n = counter.incrementAndGet();
        long low = nonZero(mix(salt + n));
        return new TraceContext(mix(~salt ^ n), low, nonZero(mix(low ^ salt)), TraceContext.SAMPLED);
    }

    /**
     * How many roots to leave unsampled before the next sampled one: a geometric count, so that
     * every root is still sampled on its own at the rate; at rate 1 none, and at rate 0
     * {@link Long#MAX_VALUE}, more roots than a thread starts in centuries (neither draws).
     */
    long unsampledRun() {
        if (sampleBelow == 0) {
            return Long.MAX_VALUE;
        }
        if (sampleBelow == SAMPLE_SCALE) {
            return 0;
        }
        long bits = seeded ? mix(salt ^ draws.incrementAndGet() * 0x9E3779B97F4A7C15L)
                : ThreadLocalRandom.current().nextLong();
        // Evenly in (0, 1]: the run is the whole part of log(u) / log(1 - rate), which a cast saturates.
        double u = ((bits >>> 11) + 1) * 0x1.0p-53;
        return (long) (Math.log(u) / logUnsampled);
    }

    /** A new span of {@code parent}'s trace, whose parent is {@code parent}'s span. */
    public TraceContext child(TraceContext parent) {
        return parent.child(nonZero(mix(salt ^ (counter.incrementAndGet() * 0x9E3779B97F4A7C15L))));
    }

    /** Every event the logs of live vats keep now, log by log, each oldest first. */
    public List<TraceEvent> events() {
        List<TraceEvent> events = new ArrayList<>();
        for (TraceLog log : logs) {
            events.addAll(log.events());
        }
        return events;
    }

    /** The causality graph of the events kept now; see {@link TraceGraph}. */
    public TraceGraph graph() {
        return TraceGraph.of(events());
    }

    /** A bijective mix of 64 bits (MurmurHash3's finalizer): distinct inputs give distinct ids. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    private static long nonZero(long id) {
        return id == 0 ? 1 : id;
    }

    /** Chooses a tracer's sampling, buffers and sink. */
    public static final class Builder {

        /** The most events a vat's ring buffer may keep: about 1 GiB of them. */
        public static final int MAX_CAPACITY = 1 << 24;

        private double sampleRate = 1.0;
        private int capacity = 4096;
        private TraceSink sink;
        private Long seed;
        private boolean turnTimes;

        private Builder() {
        }

        /** The share of roots whose traces are recorded, from 0 (none) to 1 (all, the default). */
        public Builder sampleRate(double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("sampleRate: " + rate + " (expected: 0 to 1)");
            }
            this.sampleRate = rate;
            return this;
        }

        /** The events each vat's ring buffer keeps, from 1 to {@value #MAX_CAPACITY}; default 4,096. */
        public Builder capacity(int events) {
            if (events < 1 || events > MAX_CAPACITY) {
                throw new IllegalArgumentException("capacity: " + events + " (expected: 1 to " + MAX_CAPACITY + ")");
            }
            this.capacity = events;
            return this;
        }

        /** Where every event is copied as it is recorded, such as a {@link TraceFile}. */
        public Builder sink(TraceSink traceSink) {
            this.sink = Objects.requireNonNull(traceSink, "sink");
            return this;
        }

        /**
         * Measures the time of every sampled turn for its end in the log even without a sink
         * (with one, turns are always timed); default: not, so that the ends the ring alone
         * keeps record 0 and a sampled turn reads no clock for them.
         */
        public Builder turnTimes(boolean measured) {
            this.turnTimes = measured;
            return this;
        }

        /** Makes ids and sampling repeatable, for tests; default: a random seed. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** The tracer. */
        public Tracer build() {
            return new Tracer(this);
        }
    }
}
