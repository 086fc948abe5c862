package dev.erg.bench.wire;

import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs in a client vat: keeps {@value WireSystem#OUTSTANDING} {@code echo} calls unanswered
 * until the deadline, each answer's {@code when} callback counting it and making the next
 * call, as {@code CapTpBench}'s window does. The clock stops at the last answer.
 */
final class ErgWindow {

    private final WireEcho echo;
    private final long length;
    private final long firstSequence;
    private final CompletableFuture<Double> result = new CompletableFuture<>();
    private long start;
    private long deadline;
    private long sent;
    private long answered;

    ErgWindow(WireEcho echo, int seconds, long firstSequence) {
        this.echo = echo;
        this.length = TimeUnit.SECONDS.toNanos(seconds);
        this.firstSequence = firstSequence;
    }

    void start() {
        start = System.nanoTime();
        deadline = start + length;
        for (int i = 0; i < WireSystem.OUTSTANDING; i++) {
            call();
        }
    }

    private void call() {
        echo.echo(Payload.of(firstSequence + sent++)).when(this::answered, this::broken);
    }

    private void answered(byte[] payload) {
        Payload.sequence(payload);
        answered++;
        if (System.nanoTime() < deadline) {
            call();
        } else if (answered == sent) {
            result.complete(answered / ((System.nanoTime() - start) / 1e9));
        }
    }

    private void broken(Problem problem) {
        result.completeExceptionally(new ProblemException(problem));
    }

    /** Answers per second, once the last call is answered. */
    CompletableFuture<Double> result() {
        return result;
    }

    /** How many calls were made; read after {@link #result} completes. */
    long sent() {
        return sent;
    }
}
