package dev.erg.bench.wire;

import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * Runs in a client vat: {@code count} operations one after another, each started by the
 * {@code when} callback of the answer to the one before, as a service calling another would
 * (with {@link Sender#ANSWERS}); the time of each, from its first send to its answer.
 */
final class ErgSamples {

    private final LongFunction<Promise<byte[]>> operation;
    private final long firstSequence;
    private final long[] took;
    private final CompletableFuture<long[]> result = new CompletableFuture<>();
    private int done;
    private long start;

    /** {@code count} runs of {@code operation}, given payload numbers from {@code firstSequence}, whose answer echoes it. */
    ErgSamples(int count, long firstSequence, LongFunction<Promise<byte[]>> operation) {
        this.operation = operation;
        this.firstSequence = firstSequence;
        this.took = new long[count];
    }

    /** Starts the first; call in the client vat. */
    void start() {
        long sequence = firstSequence + done;
        start = System.nanoTime();
        operation.apply(sequence).when(answer -> answered(answer, sequence),
                problem -> result.completeExceptionally(new ProblemException(problem)));
    }

    private void answered(byte[] answer, long sequence) {
        took[done++] = System.nanoTime() - start;
        if (Payload.sequence(answer) != sequence) {
            result.completeExceptionally(new IllegalStateException("Erg echoed " + Payload.sequence(answer) + " for " + sequence));
        } else if (done == took.length) {
            result.complete(took);
        } else {
            start();
        }
    }

    /** Nanoseconds each, once the last is answered. */
    CompletableFuture<long[]> result() {
        return result;
    }
}
