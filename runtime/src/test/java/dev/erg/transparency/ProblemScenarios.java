package dev.erg.transparency;

import dev.erg.transparency.SendScenarios.Counter;
import dev.erg.transparency.SendScenarios.Tally;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import java.util.ArrayList;
import java.util.List;

/** Problems: thrown by application methods, returned broken, or caused by a vat shutting down. */
final class ProblemScenarios {

    private ProblemScenarios() {
    }

    /** Fails in every way an application method can. */
    public interface Risky {
        Promise<Long> refuse(long asked);

        Promise<Long> jam();

        Promise<Long> dereferenceNull();

        Promise<Long> throwWithoutMessage();

        Promise<Long> answerBroken();

        Promise<Long> answerNull();

        Promise<String> oddProblem();

        void failQuietly();

        Promise<Long> fine();
    }

    static final class Hazard implements Risky {
        @Override
        public Promise<Long> refuse(long asked) {
            throw new ProblemException("InsufficientFunds", "balance 3, asked " + asked);
        }

        @Override
        public Promise<Long> jam() {
            throw new IllegalStateException("jammed");
        }

        @Override
        public Promise<Long> dereferenceNull() {
            Object nothing = null;
            return Promise.of((long) nothing.hashCode());
        }

        @Override
        public Promise<Long> throwWithoutMessage() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Promise<Long> answerBroken() {
            return Promise.broken(new Problem("Custom", "made broken on purpose"));
        }

        @Override
        public Promise<Long> answerNull() {
            return null;
        }

        @Override
        public Promise<String> oddProblem() {
            throw new ProblemException("Odd-Kind_1.x", "line one\nline two \u2013 \u00fc \ud83d\ude00 \"quoted\"");
        }

        @Override
        public void failQuietly() {
            throw new IllegalArgumentException("nobody hears this");
        }

        @Override
        public Promise<Long> fine() {
            return Promise.of(7L);
        }
    }

    static List<Scenario> all() {
        return List.of(
                Scenario.of("application methods throwing and answering broken", (w, out) -> {
                    Risky risky = w.share("bob", new Hazard(), Risky.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        List<Promise<?>> answers = new ArrayList<>();
                        answers.add(risky.refuse(10));
                        answers.add(risky.jam());
                        answers.add(risky.dereferenceNull());
                        answers.add(risky.throwWithoutMessage());
                        answers.add(risky.answerBroken());
                        answers.add(risky.answerNull());
                        answers.add(risky.oddProblem());
                        risky.failQuietly();
                        answers.add(risky.fine());
                        return Settle.inOrder(out, "answers", answers);
                    });
                }),
                Scenario.of("a call to an object whose vat has shut down", (w, out) -> {
                    Counter counter = w.share("bob", new Tally(null, null), Counter.class, "alice");
                    Vat bob = w.vat("bob");
                    return w.vat("alice").callPromise(() -> counter.increment(1).thenCompose(n -> {
                        out.add("alice", "before: " + n);
                        bob.shutdown();
                        return Settle.describe(counter.increment(1));
                    }));
                }),
                Scenario.of("a call to an object whose vat was cut off the network", (w, out) -> {
                    Counter counter = w.share("dave", new Tally(null, null), Counter.class, "alice");
                    return w.vat("alice").callPromise(() -> counter.increment(1)
                            .thenCompose(n -> w.cut("dave"))
                            .thenCompose(cut -> Settle.describe(counter.increment(1))));
                }).stating(Mode.TLS, Outcome.RESULT, List.of("fulfilled String \"broken Unavailable: *"),
                        "only a network can be cut: the reference breaks, where in one JVM it goes on working"));
    }
}
