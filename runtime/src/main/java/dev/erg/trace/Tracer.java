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
 * is sampled is drawn from the drawing thread's own random numbers, which no other thread
 * touches; with a seed, from a sequence of the tracer's own, so that a test on one thread
 * samples the same roots each time.
 */
public final class Tracer {

    private static final long SAMPLE_SCALE = 1L << 24;

    private final long sampleBelow;
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

    /** The root context of a new trace, or null if the sampling decides against recording it. */
    public TraceContext root() {
        if (sampleBelow < SAMPLE_SCALE && (sampleBelow == 0 || draw() >= sampleBelow)) {
            return null;
        }
        long n = counter.incrementAndGet();
        long low = nonZero(mix(salt + n));
        return new TraceContext(mix(~salt ^ n), low, nonZero(mix(low ^ salt)), TraceContext.SAMPLED);
    }

    /** A number drawn evenly from 0 to {@code SAMPLE_SCALE - 1}; each root draws one, but at rate 0 or 1. */
    private long draw() {
        long bits = seeded ? mix(salt ^ draws.incrementAndGet() * 0x9E3779B97F4A7C15L)
                : ThreadLocalRandom.current().nextLong();
        return bits >>> 40;
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
