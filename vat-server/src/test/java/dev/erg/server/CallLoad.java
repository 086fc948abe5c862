package dev.erg.server;

import dev.erg.captp.SturdyRef;
import dev.erg.server.client.CapTpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady load of calls on a {@link Ledger}'s counters, one caller thread per counter, each
 * making its next call once the last is answered, and sending a call again, on a new
 * connection, when it breaks. Each caller keeps every answer: a call lost or repeated, or
 * answered out of order, shows as an answer that is not the one after the last.
 */
final class CallLoad implements AutoCloseable {

    /** One caller: its counter, and the answers it was given, in order. */
    static final class Caller {
        private final String counter;
        private final List<Long> answers = new ArrayList<>();
        private final AtomicLong retries = new AtomicLong();

        private Caller(String counter) {
            this.counter = counter;
        }

        String counter() {
            return counter;
        }

        synchronized List<Long> answers() {
            return List.copyOf(answers);
        }

        synchronized int count() {
            return answers.size();
        }

        long retries() {
            return retries.get();
        }

        private synchronized void answered(long value) {
            answers.add(value);
        }
    }

    private final CapTpClient client;
    private final SturdyRef ref;
    private final List<Caller> callers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    /** Starts {@code callers} callers on the ledger at {@code ref}, through {@code client}. */
    CallLoad(CapTpClient client, SturdyRef ref, int callers) {
        this.client = client;
        this.ref = ref;
        for (int i = 0; i < callers; i++) {
            Caller caller = new Caller("caller-" + i);
            this.callers.add(caller);
            threads.add(Thread.ofPlatform().name("load-" + i).daemon().start(() -> call(caller)));
        }
    }

    private void call(Caller caller) {
        Ledger ledger = null;
        while (!stopping) {
            try {
                if (ledger == null) {
                    ledger = client.connect(ref, Ledger.class);
                }
                caller.answered(client.await(ledger.increment(caller.counter(), 1)));
            } catch (RuntimeException e) {
                ledger = null;
                caller.retries.incrementAndGet();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    List<Caller> callers() {
        return List.copyOf(callers);
    }

    /** The calls answered so far, by all callers. */
    long answered() {
        return callers.stream().mapToLong(Caller::count).sum();
    }

    /** Waits until every caller has been answered {@code more} more times, up to 30 s. */
    void awaitProgress(int more) throws InterruptedException {
        List<Integer> from = callers.stream().map(Caller::count).toList();
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int i = 0; i < callers.size(); i++) {
            while (callers.get(i).count() < from.get(i) + more) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(callers.get(i).counter() + " made no progress in 30 s");
                }
                Thread.sleep(10);
            }
        }
    }

    /** Stops the callers after the call each is making. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        for (Thread t : threads) {
            t.join(20_000);
        }
    }
}
