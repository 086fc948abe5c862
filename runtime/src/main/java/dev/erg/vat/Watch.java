package dev.erg.vat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One {@link Ref#monitor}: told by whatever the reference's breaking is heard from (a vat's
 * shutdown, a remote reference, a promise), it queues the monitor's callback once in the
 * monitoring vat. It remembers how to take itself off each of those, so that a monitor that
 * is no longer wanted ({@link #cancel}) holds nothing: a short-lived watcher, such as a
 * stream's end, must not leave its callback behind in a long-lived vat.
 */
final class Watch implements Consumer<Problem> {

    private final Vat vat;
    private final boolean linkOnly;
    private final AtomicBoolean told = new AtomicBoolean();
    private volatile Consumer<? super Problem> onBroken;
    /** How to take this watch off what tells it; null once cancelled. */
    private List<Runnable> forgets = new ArrayList<>();

    /** @param linkOnly whether a reference of another JVM is watched only for the loss of its connection */
    Watch(Vat vat, Consumer<? super Problem> onBroken, boolean linkOnly) {
        this.vat = vat;
        this.onBroken = onBroken;
        this.linkOnly = linkOnly;
    }

    boolean linkOnly() {
        return linkOnly;
    }

    @Override
    public void accept(Problem problem) {
        if (onBroken != null && told.compareAndSet(false, true)) {
            vat.enqueue(new Task(() -> {
                Consumer<? super Problem> callback = onBroken;
                if (callback != null) {
                    callback.accept(problem);
                }
                return null;
            }, null));
        }
    }

    /** Notes that this watch is listening through something {@code forget} takes it off. */
    void listening(Runnable forget) {
        synchronized (this) {
            if (forgets != null) {
                forgets.add(forget);
                return;
            }
        }
        forget.run();
    }

    boolean cancelled() {
        return onBroken == null;
    }

    /** Tells nothing from now on, and takes itself off everything it listens through. */
    void cancel() {
        List<Runnable> all;
        synchronized (this) {
            onBroken = null;
            all = forgets;
            forgets = null;
        }
        if (all != null) {
            all.forEach(Runnable::run);
        }
    }
}
