/*
 * Shared sizes of the benchmark workloads, so that every Erg benchmark and its Pekko
 * counterpart move exactly the same number of messages per operation.
 */
package dev.erg.bench;

import dev.erg.bench.Receivers.AnswerCounter;
import dev.erg.bench.Receivers.Echo;
import dev.erg.bench.Receivers.Sink;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import java.time.Duration;
import java.util.function.Consumer;

/** The sizes every benchmark of this module shares. */
final class Workload {

    /** Messages per benchmark operation; each benchmark reports messages per second. */
    static final int MESSAGES = 10_000;

    /** Sender vats (or actors) in the fan-in workloads; they share {@link #MESSAGES} evenly. */
    static final int SENDERS = 4;

    /** How long an operation may take before the benchmark gives up: a hang, not a result. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Workload() {
    }

    /** In one turn of {@code sender}, sends {@link #MESSAGES} to {@code sink}; waits until all arrived. */
    static long sendOnly(Vat sender, Sink sink) {
        Deferred<Long> done = Promise.defer();
        sender.run(() -> {
            for (int i = 0; i < MESSAGES; i++) {
                sink.accept(i);
            }
            done.resolver().forward(sink.flush());
        });
        return done.promise().join(TIMEOUT);
    }

    /** In one turn of {@code sender}, sends {@link #MESSAGES} requests to {@code echo}; waits for every answer. */
    static long requestAnswer(Vat sender, Echo echo) {
        Deferred<Long> done = Promise.defer();
        sender.run(() -> {
            AnswerCounter counter = new AnswerCounter(MESSAGES, done.resolver());
            Consumer<Problem> broken = counter::broken;
            for (int i = 0; i < MESSAGES; i++) {
                echo.echo(i).when(counter, broken);
            }
        });
        return done.promise().join(TIMEOUT);
    }
}
