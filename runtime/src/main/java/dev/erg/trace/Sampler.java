package dev.erg.trace;

/**
 * Decides which roots a {@link Tracer} records, for one thread: it keeps how many roots are
 * still to go unsampled, drawn at the start and after each sampled root ({@link
 * Tracer#unsampledRun}), and counts them down. So an unsampled root costs a decrement rather
 * than a random number, and each root is still sampled on its own at the rate: a run of
 * unsampled roots is geometric. Not thread-safe: each thread that starts roots keeps its own.
 */
public final class Sampler {

    private final Tracer tracer;
    /** The roots still to go unsampled before the next sampled one. */
    private long unsampled;

    Sampler(Tracer tracer) {
        this.tracer = tracer;
        this.unsampled = tracer.unsampledRun();
    }

    /** Whether this sampler decides for {@code other}'s roots. */
    public boolean samplesFor(Tracer other) {
        return tracer == other;
    }

    /** The root context of a new trace, or null if the sampling decides against recording it. */
    public TraceContext root() {
        if (unsampled > 0) {
            unsampled--;
            return null;
        }
        unsampled = tracer.unsampledRun();
        return tracer.sampledRoot();
    }
}
