package dev.erg.trace;

import java.util.Objects;

/**
 * One entry of a vat's trace log. What {@code context}, {@code parent} and {@code cause} name
 * depends on the kind:
 * <ul>
 * <li>{@link Kind#SEND}: the turn running as span {@code parent} (0 for a root) sent the
 *     message {@code context}; {@code label} says what it is ({@code Bank.check}, {@code when},
 *     {@code run}); a {@code when} reaction's {@code cause} is the promise it reacts to.</li>
 * <li>{@link Kind#BEGIN}, {@link Kind#END}: the turn that receives message {@code context}
 *     began or ended in {@code vat}; an end gives the turn's time in {@code nanos} if its
 *     tracer measures turn times ({@link Tracer#timesTurns}: with a sink, or if asked), else 0.</li>
 * <li>{@link Kind#FULFILL}, {@link Kind#BREAK}: the answer of message {@code context} settled
 *     in the turn running as span {@code parent} (0 outside turns, where an answer arrives
 *     from another machine); {@code cause} is the answer it followed, if any; a break gives
 *     the problem's kind and message.</li>
 * </ul>
 *
 * @param kind           what happened
 * @param vat            the vat whose log holds it
 * @param context        the message, turn or answer
 * @param parent         a span id, or 0
 * @param cause          a span id, or 0
 * @param label          what the message is, or empty
 * @param problemKind    a break's problem kind, else empty
 * @param problemMessage a break's problem message, else empty
 * @param nanos          an end's turn time, if measured; else 0
 */
public record TraceEvent(Kind kind, String vat, TraceContext context, long parent, long cause, String label,
                         String problemKind, String problemMessage, long nanos) {

    /** What a trace event records. */
    public enum Kind {
        /** A message, reaction or task was queued. */
        SEND,
        /** A turn began. */
        BEGIN,
        /** A turn ended. */
        END,
        /** An answer was fulfilled. */
        FULFILL,
        /** An answer was broken. */
        BREAK;

        /** The word a trace file uses. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Checks that no field is null. */
    public TraceEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(vat, "vat");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(problemKind, "problemKind");
        Objects.requireNonNull(problemMessage, "problemMessage");
    }

    /** The event's span id: the message, turn or answer it is about. */
    public long span() {
        return context.span();
    }
}
