package dev.erg.ocapn.captp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The operations of OCapN's CapTP draft, as records. Arguments are passable values in which
 * references are {@link Descriptor}s and handoff certificates {@link SigEnvelope}s; a session
 * maps those to and from its tables.
 */
public sealed interface Operation {

    /** The record label of this operation. */
    String label();

    /** A delivery's arguments, copied: OCapN's null may be among them, as an argument. */
    private static List<Object> arguments(List<Object> args) {
        return Collections.unmodifiableList(new ArrayList<>(args));
    }

    /**
     * {@code <op:start-session version key location location-sig>}: the first message of each
     * side, its per-session key {@code q}, where it can be reached, and its signature over the
     * Syrup of {@code location} by that key.
     */
    record StartSession(String version, byte[] sessionKey, PeerLocator location, byte[] locationSignature)
            implements Operation {
        /** The only version the draft defines. */
        public static final String VERSION = "1.0";

        public StartSession {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(location, "location");
            sessionKey = sessionKey.clone();
            locationSignature = locationSignature.clone();
        }

        @Override
        public byte[] sessionKey() {
            return sessionKey.clone();
        }

        @Override
        public byte[] locationSignature() {
            return locationSignature.clone();
        }

        @Override
        public String label() {
            return "op:start-session";
        }
    }

    /**
     * {@code <op:deliver to args answer-pos resolve-me>}: a message whose result goes to
     * {@code resolveMe}; {@code answerPosition}, if present, is where the receiver keeps the
     * answer for pipelining. No answer and no resolver are written {@code false false}.
     */
    record Deliver(Descriptor to, List<Object> args, Long answerPosition, Descriptor resolveMe)
            implements Operation {
        public Deliver {
            Objects.requireNonNull(to, "to");
            args = arguments(args);
            if (answerPosition != null) {
                Positions.check(answerPosition);
            }
        }

        @Override
        public String label() {
            return "op:deliver";
        }
    }

    /** {@code <op:deliver-only to args>}: a message whose result nobody wants. */
    record DeliverOnly(Descriptor to, List<Object> args) implements Operation {
        public DeliverOnly {
            Objects.requireNonNull(to, "to");
            args = arguments(args);
        }

        @Override
        public String label() {
            return "op:deliver-only";
        }
    }

    /** {@code <op:listen to listener wants-partial>}: tell {@code listener} how {@code to} settles. */
    record Listen(Descriptor to, Descriptor listener, boolean wantsPartial) implements Operation {
        public Listen {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(listener, "listener");
        }

        @Override
        public String label() {
            return "op:listen";
        }
    }

    /** {@code <op:abort reason>}: the session ends. */
    record Abort(String reason) implements Operation {
        public Abort {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String label() {
            return "op:abort";
        }
    }

    /** {@code <op:gc-exports positions deltas>}: the sender dropped {@code deltas[i]} receipts of export {@code positions[i]}. */
    record GcExports(List<Long> positions, List<Long> deltas) implements Operation {
        public GcExports {
            positions = List.copyOf(positions);
            deltas = List.copyOf(deltas);
            if (positions.size() != deltas.size()) {
                throw new IllegalArgumentException(positions.size() + " positions and " + deltas.size() + " deltas");
            }
            positions.forEach(Positions::check);
            deltas.forEach(Positions::check);
        }

        @Override
        public String label() {
            return "op:gc-exports";
        }
    }

    /** {@code <op:gc-answers positions>}: the sender will not name these answers again. */
    record GcAnswers(List<Long> positions) implements Operation {
        public GcAnswers {
            positions = List.copyOf(positions);
            positions.forEach(Positions::check);
        }

        @Override
        public String label() {
            return "op:gc-answers";
        }
    }

    /** {@code <op:get receiver field answer-pos>}: the field of a struct, as a new answer. */
    record Get(Descriptor receiver, String field, long answerPosition) implements Operation {
        public Get {
            Objects.requireNonNull(receiver, "receiver");
            Objects.requireNonNull(field, "field");
            Positions.check(answerPosition);
        }

        @Override
        public String label() {
            return "op:get";
        }
    }

    /** {@code <op:index receiver index answer-pos>}: an item of a list, as a new answer. */
    record Index(Descriptor receiver, long index, long answerPosition) implements Operation {
        public Index {
            Objects.requireNonNull(receiver, "receiver");
            Positions.check(index);
            Positions.check(answerPosition);
        }

        @Override
        public String label() {
            return "op:index";
        }
    }

    /** {@code <op:untag receiver tag answer-pos>}: the value of a tagged value, if tagged {@code tag}. */
    record Untag(Descriptor receiver, String tag, long answerPosition) implements Operation {
        public Untag {
            Objects.requireNonNull(receiver, "receiver");
            Objects.requireNonNull(tag, "tag");
            Positions.check(answerPosition);
        }

        @Override
        public String label() {
            return "op:untag";
        }
    }
}
