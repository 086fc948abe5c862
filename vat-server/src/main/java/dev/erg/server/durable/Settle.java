package dev.erg.server.durable;

import dev.erg.vat.Problem;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one turn of a batch does once the batch's commit is durable ({@code committed}), or if
 * it fails with a problem ({@code failed}): answer its caller, return a receipt. Run on the
 * engine's thread, after the commit.
 */
record Settle(Runnable committed, Consumer<Problem> failed) {

    private static final Logger LOG = LoggerFactory.getLogger(Settle.class);

    /** Tells each of {@code settles} that its commit failed with {@code problem}. */
    static void fail(List<Settle> settles, Problem problem) {
        for (Settle s : settles) {
            run(() -> s.failed().accept(problem));
        }
    }

    /** Runs {@code r}, which follows a commit; what it throws is logged, never stops the engine. */
    static void run(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("after a commit: {}", e.toString());
        }
    }
}
