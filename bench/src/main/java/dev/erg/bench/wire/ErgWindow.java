package dev.erg.bench.wire;

import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Runs in a client vat: keeps {@value WireSystem#OUTSTANDING} calls unanswered until the
 * deadline, each answer's {@code when} callback counting it and making the next call, as
 * {@code CapTpBench}'s window does. The clock stops at the last answer.
 */
final class ErgWindow {

    private final LongFunction<Promise<?>> caller;
    private final Consumer<Object> check;
    private final long length;
    private final long firstSequence;
    private final CompletableFuture<Double> result = new CompletableFuture<>();
    private long start;
    private long deadline;
    private long sent;
    private long answered;

    /** Calls {@code echo}, with payloads numbered from {@code firstSequence}, for {@code seconds}. */
    ErgWindow(WireEcho echo, int seconds, long firstSequence) {
        this(sequence -> echo.echo(Payload.of(sequence)), answer -> Payload.sequence((byte[]) answer), seconds, firstSequence);
    }

    /**
     * Makes the calls {@code caller} makes, given each call's number from {@code firstSequence},
     * for {@code seconds}; each answer goes to {@code check}, which throws if it is wrong.
     */
    ErgWindow(LongFunction<Promise<?>> caller, Consumer<Object> check, int seconds, long firstSequence) {
        this.caller = caller;
        this.check = check;
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
        caller.apply(firstSequence + sent++).when(this::answered, this::broken);
    }

    private void answered(Object answer) {
        check.accept(answer);
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
