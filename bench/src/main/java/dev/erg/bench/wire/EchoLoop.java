package dev.erg.bench.wire;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The measures of a system that sends a payload and hears it come back, with no pipelining
 * of dependent calls: the answer arrives on the system's own thread and is handed over by its
 * sequence number, to the thread that sent and waits or, with {@link Sender#ANSWERS}, to code
 * on the answering thread that sends the next. A chain is {@value WireSystem#CHAIN} sequential
 * round trips, each awaited before the next is sent.
 */
abstract class EchoLoop implements WireSystem {

    private volatile LongConsumer onAnswer = n -> { };
    private long nextSequence;

    /** Sends the payload carrying {@code sequence}; its echo must reach {@link #answered}. */
    abstract void send(long sequence);

    /** Called by the system's thread with the sequence number of each echo. */
    final void answered(long sequence) {
        onAnswer.accept(sequence);
    }

    @Override
    public String chainStep() {
        return "a round trip awaited before the next is sent";
    }

    @Override
    public long[] roundTrips(int count, Sender sender) throws Exception {
        return sender == Sender.THREAD ? awaitedHere(count, 1) : sentOnAnswers(count, 1);
    }

    @Override
    public long[] chains(int count, Sender sender) throws Exception {
        return sender == Sender.THREAD ? awaitedHere(count, CHAIN) : sentOnAnswers(count, CHAIN);
    }

    /** {@code count} samples of {@code steps} round trips, each sent by this thread once the one before was answered. */
    private long[] awaitedHere(int count, int steps) {
        long[] took = new long[count];
        AtomicLong last = new AtomicLong(-1);
        Thread waiter = Thread.currentThread();
        onAnswer = n -> {
            last.set(n);
            LockSupport.unpark(waiter);
        };
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            for (int step = 0; step < steps; step++) {
                long sequence = nextSequence++;
                send(sequence);
                long deadline = System.nanoTime() + STALL_NANOS;
                while (last.get() != sequence) {
                    LockSupport.parkNanos(1_000_000);
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(name() + ": no echo of " + sequence + " within 60 s");
                    }
                }
            }
            took[i] = System.nanoTime() - start;
        }
        return took;
    }

    /** {@code count} samples of {@code steps} round trips, each sent by the thread that received the one before's answer. */
    private long[] sentOnAnswers(int count, int steps) throws Exception {
        long[] took = new long[count];
        CompletableFuture<long[]> done = new CompletableFuture<>();
        onAnswer = new LongConsumer() {
            private int sample;
            private int step;
            private long start = System.nanoTime();

            @Override
            public void accept(long sequence) {
                if (sequence != nextSequence - 1) {
                    done.completeExceptionally(new IllegalStateException(
                            name() + ": echo of " + sequence + " while waiting for " + (nextSequence - 1)));
                    return;
                }
                if (++step == steps) {
                    long now = System.nanoTime();
                    took[sample++] = now - start;
                    step = 0;
                    start = now;
                    if (sample == count) {
                        done.complete(took);
                        return;
                    }
                }
                send(nextSequence++);
            }
        };
        send(nextSequence++);
        return done.get(STALL_NANOS + STEP_NANOS * count, TimeUnit.NANOSECONDS);
    }

    @Override
    public double throughput(int seconds, Sender sender) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong done = new AtomicLong();
        Semaphore drained;
        if (sender == Sender.THREAD) {
            Semaphore window = new Semaphore(OUTSTANDING);
            onAnswer = n -> {
                done.incrementAndGet();
                window.release();
            };
            while (System.nanoTime() < end) {
                window.acquire();
                send(nextSequence++);
            }
            drained = window;
        } else {
            drained = new Semaphore(0);
            onAnswer = new Window(end, done, drained);
            send(nextSequence++);
        }
        if (!drained.tryAcquire(OUTSTANDING, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name() + ": echoes still missing 60 s after the last send");
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Sends the next message as each answer arrives, and one more besides until
     * {@value WireSystem#OUTSTANDING} are outstanding (so the window opens within about ten round
     * trips, every send from the answering side); at the deadline, sends no more and lets
     * {@code drained} go once the last is answered. Locked: some systems answer on several threads.
     */
    private final class Window implements LongConsumer {
        private final long end;
        private final AtomicLong done;
        private final Semaphore drained;
        private long sent = 1;

        Window(long end, AtomicLong done, Semaphore drained) {
            this.end = end;
            this.done = done;
            this.drained = drained;
        }

        @Override
        public synchronized void accept(long sequence) {
            long answered = done.incrementAndGet();
            if (System.nanoTime() < end) {
                int more = sent - answered < OUTSTANDING - 1 ? 2 : 1;
                for (int i = 0; i < more; i++) {
                    sent++;
                    send(nextSequence++);
                }
            } else if (answered == sent) {
                drained.release(OUTSTANDING);
            }
        }
    }
}
