package dev.erg.server.durable;

import dev.erg.vat.Problem;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The queue by which work reaches the engine's thread from any thread, refused at once while the engine is closed or its store is not up. */
final class WorkQueue {

    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final StoreLink link;
    private volatile boolean running = true;

    WorkQueue(StoreLink link) {
        this.link = link;
    }

    /** Whether the engine still takes work. */
    boolean running() {
        return running;
    }

    /** Takes no more work from now on. */
    void stop() {
        running = false;
    }

    /** Runs {@code action} on the engine's thread and waits for it. */
    <R> R call(Supplier<R> action) {
        CompletableFuture<R> done = new CompletableFuture<>();
        submit(new Work.Task<>(action, done));
        try {
            return done.get(1, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the durable engine did not answer within a minute", e);
        }
    }

    void submit(Work work) {
        if (!running) {
            work.reject(Problem.of(Problem.VAT_SHUT_DOWN, "the durable store is closed"));
            return;
        }
        if (link.status().state() != StoreStatus.State.UP) {
            // At once, not after a wait: the caller decides whether and when to try again.
            work.reject(link.refusal());
            return;
        }
        queue.add(work);
    }

    /** The next work, waiting up to {@code timeout} for it; null if none came. */
    Work poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    /** The next work if there is some now, else null. */
    Work poll() {
        return queue.poll();
    }
}
