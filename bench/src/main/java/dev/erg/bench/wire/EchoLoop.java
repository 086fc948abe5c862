package dev.erg.bench.wire;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The measures of a system that sends a payload and hears it come back, with no pipelining
 * of dependent calls: a plain thread sends, the answer arrives on the system's own thread
 * and is handed over by its sequence number. A chain is {@value WireSystem#CHAIN} sequential
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

    /** Sets the answers to wake this thread; answers the number of the last one. */
    private AtomicLong answersToThisThread() {
        AtomicLong last = new AtomicLong(-1);
        Thread waiter = Thread.currentThread();
        onAnswer = n -> {
            last.set(n);
            LockSupport.unpark(waiter);
        };
        return last;
    }

    @Override
    public long[] roundTrips(int count) {
        long[] took = new long[count];
        AtomicLong last = answersToThisThread();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            awaitOne(last);
            took[i] = System.nanoTime() - start;
        }
        return took;
    }

    @Override
    public long[] chains(int count) {
        long[] took = new long[count];
        AtomicLong last = answersToThisThread();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            for (int step = 0; step < CHAIN; step++) {
                awaitOne(last);
            }
            took[i] = System.nanoTime() - start;
        }
        return took;
    }

    private void awaitOne(AtomicLong last) {
        long sequence = nextSequence++;
        send(sequence);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (last.get() != sequence) {
            LockSupport.parkNanos(1_000_000);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name() + ": no echo of " + sequence + " within 60 s");
            }
        }
    }

    @Override
    public double throughput(int seconds) throws InterruptedException {
        Semaphore window = new Semaphore(OUTSTANDING);
        AtomicLong done = new AtomicLong();
        onAnswer = n -> {
            done.incrementAndGet();
            window.release();
        };
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            window.acquire();
            send(nextSequence++);
        }
        if (!window.tryAcquire(OUTSTANDING, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name() + ": echoes still missing 60 s after the last send");
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }
}
