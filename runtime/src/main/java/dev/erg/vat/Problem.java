package dev.erg.vat;

import java.util.Objects;

/**
 * Why a promise or reference is broken: a {@code kind} that programs branch on and a
 * human-readable {@code message}. Problems are plain data; they cross vats and the network
 * as values and never carry a stack trace.
 *
 * <p>The set of kinds is open. The runtime itself produces the kinds named by the constants
 * of this record; applications choose their own by throwing {@link ProblemException}.
 *
 * @param kind    a short identifier such as {@value #UNAVAILABLE}; never blank
 * @param message what happened, for people; may be empty but never null
 */
public record Problem(String kind, String message) {

    /** An application method threw an exception that was not a {@link ProblemException}. */
    public static final String EXCEPTION = "Exception";
    /** A value that may not cross a vat boundary was passed. */
    public static final String NOT_PASSABLE = "NotPassable";
    /** A message was sent to something that cannot receive it (data, or a missing method). */
    public static final String NOT_CALLABLE = "NotCallable";
    /** The vat that hosts the target was shut down. */
    public static final String VAT_SHUT_DOWN = "VatShutDown";
    /** The connection the reference depended on was lost. */
    public static final String UNAVAILABLE = "Unavailable";
    /** A promise was resolved so that it would wait for itself. */
    public static final String CYCLE = "Cycle";
    /** A three-party handoff was refused: its certificate was forged, replayed or misdirected. */
    public static final String REFUSED = "Refused";
    /** A promise did not settle within the time it was given ({@link Promise#within}). */
    public static final String TIMED_OUT = "TimedOut";
    /** Every promise given to {@link Promise#any} broke; the message names their problems. */
    public static final String ALL_BROKEN = "AllBroken";
    /** The reference was revoked by whoever granted it ({@link Caretaker}, {@link Vat#revoke}). */
    public static final String REVOKED = "Revoked";
    /**
     * Kind of a call refused because a session's table is full: the peer already holds as many
     * of our answers, or we as many of its references, as the session allows. The session
     * lives on; freeing answers or dropping references makes room.
     */
    public static final String LIMIT_EXCEEDED = "LimitExceeded";

    /** Longest kind accepted, in characters. */
    public static final int MAX_KIND_LENGTH = 64;

    public Problem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (kind.isBlank()) {
            throw new IllegalArgumentException("kind is blank");
        }
        if (kind.length() > MAX_KIND_LENGTH) {
            throw new IllegalArgumentException(
                    "kind length: " + kind.length() + " (expected: <= " + MAX_KIND_LENGTH + ")");
        }
    }

    /** A problem of the given kind whose message is formatted with {@link String#format}. */
    public static Problem of(String kind, String format, Object... args) {
        return new Problem(kind, args.length == 0 ? format : String.format(format, args));
    }

    /** The problem reported for an exception thrown by application code. */
    public static Problem from(Throwable thrown) {
        if (thrown instanceof ProblemException pe) {
            return pe.problem();
        }
        String detail = thrown.getMessage();
        String name = thrown.getClass().getSimpleName();
        return new Problem(EXCEPTION, detail == null ? name : name + ": " + detail);
    }

    @Override
    public String toString() {
        return message.isEmpty() ? kind : kind + ": " + message;
    }
}
