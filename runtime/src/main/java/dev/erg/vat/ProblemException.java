package dev.erg.vat;

import java.util.Objects;

/**
 * Thrown by application code to break the answer of the current message with a chosen
 * {@link Problem}; thrown by {@link Promise#join} when the promise is broken.
 */
public final class ProblemException extends RuntimeException {

    private final Problem problem;

    /** An exception that reports {@code problem}. */
    public ProblemException(Problem problem) {
        super(Objects.requireNonNull(problem, "problem").toString(), null, false, false);
        this.problem = problem;
    }

    /** An exception that reports a problem of {@code kind} with {@code message}. */
    public ProblemException(String kind, String message) {
        this(new Problem(kind, message));
    }

    /** The problem this exception reports. */
    public Problem problem() {
        return problem;
    }
}
