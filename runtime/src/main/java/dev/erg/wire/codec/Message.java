package dev.erg.wire.codec;

import dev.erg.trace.TraceContext;
import dev.erg.vat.Problem;
import dev.erg.wire.codec.Descriptor.Import;
import dev.erg.wire.codec.Descriptor.Target;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One CapTP operation, as carried by one frame. The operations follow OCapN's: a session
 * starts with {@link StartSession} from each side, then carries messages to objects
 * ({@link Deliver}, {@link DeliverOnly}), pipelined selections ({@link Get}, {@link Index},
 * and OCapN's {@link Untag}, which {@code erg/1} does not carry),
 * requests to be told of a resolution ({@link Listen}), distributed garbage collection
 * ({@link GcExports}, {@link GcAnswers}), the embargo that keeps messages in order when an
 * answer or an imported promise loops back ({@link Disembargo}, {@link DisembargoPromise}), and ends with {@link Abort}.
 *
 * <p><b>Answers.</b> There is no separate answer operation. A vat tells its peer the outcome of a
 * {@link Deliver} by sending {@link DeliverOnly} to the resolver the peer named: method
 * {@value #FULFILL} with the result as the one argument, or {@value #BREAK} with a
 * {@link Problem} as the one argument. Answers thus travel like any other message, which is
 * what OCapN does and what makes a resolver an ordinary capability.
 *
 * <p>Message fields that hold application values ({@code args}) hold plain Java objects; the
 * codec maps the references among them through a {@link ReferenceEncoder} or
 * {@link ReferenceDecoder}. Lists held by messages are unmodifiable and may contain
 * {@code null}.
 */
public sealed interface Message {

    /** The method a resolver receives, with the result as its one argument, on success. */
    String FULFILL = "fulfill";
    /** The method a resolver receives, with a {@link Problem} as its one argument, on failure. */
    String BREAK = "break";

    /**
     * The first message each side sends on a new connection: which protocol version it speaks
     * and who it is. The receiver checks that {@code vatId} is the id of the key the TLS
     * handshake authenticated, and aborts otherwise.
     *
     * @param version       the protocol version, {@value #PROTOCOL_VERSION} for this one
     * @param vatId         the SHA-256 of the sender's public key (SubjectPublicKeyInfo DER),
     *                      {@value Descriptor#ID_BYTES} bytes
     * @param locationHints where the sender accepts connections, as {@code host:port}; may be
     *                      empty
     */
    record StartSession(String version, Bytes vatId, List<String> locationHints)
            implements Message {

        /** The version string of the protocol this package implements. */
        public static final String PROTOCOL_VERSION = "erg/1";

        /** @throws IllegalArgumentException if {@code vatId} has the wrong length */
        public StartSession {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(vatId, "vatId");
            if (vatId.length() != Descriptor.ID_BYTES) {
                throw new IllegalArgumentException("vatId length: " + vatId.length()
                        + " (expected: " + Descriptor.ID_BYTES + ")");
            }
            locationHints = List.copyOf(locationHints);
        }
    }

    /**
     * Delivers {@code method(args)} to {@code target}; nobody is told the outcome.
     *
     * @param target the object or answer the message is for
     * @param method the method name
     * @param args   the arguments: pass-by-copy data and references
     * @param trace  the message's trace context, present only if its trace is sampled
     */
    record DeliverOnly(Target target, String method, List<Object> args, Optional<TraceContext> trace)
            implements Message {
        /** Copies {@code args} unless it is already an unmodifiable list from this package. */
        public DeliverOnly {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(method, "method");
            args = ImmutableList.copyOf(args);
            Objects.requireNonNull(trace, "trace");
        }

        /** A message without a trace context. */
        public DeliverOnly(Target target, String method, List<Object> args) {
            this(target, method, args, Optional.empty());
        }
    }

    /**
     * Delivers {@code method(args)} to {@code target} and asks for the outcome: at the
     * receiver's answer table at {@code answerPosition} (so that later messages can be
     * pipelined to it), to {@code resolver} (which then receives {@value #FULFILL} or
     * {@value #BREAK}), or both. With neither, use {@link DeliverOnly}.
     *
     * @param target         the object or answer the message is for
     * @param method         the method name
     * @param args           the arguments: pass-by-copy data and references
     * @param answerPosition where the receiver keeps the answer, chosen by the sender
     * @param resolver       the sender's object told of the outcome
     * @param trace          the message's trace context, present only if its trace is sampled
     */
    record Deliver(Target target, String method, List<Object> args, OptionalLong answerPosition,
                   Optional<Import> resolver, Optional<TraceContext> trace) implements Message {
        /**
         * Checks the fields and copies {@code args} unless it is already an unmodifiable list
         * from this package.
         *
         * @throws IllegalArgumentException if the answer position is negative, or neither an
         *                                  answer position nor a resolver is present
         */
        public Deliver {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(method, "method");
            args = ImmutableList.copyOf(args);
            Objects.requireNonNull(answerPosition, "answerPosition");
            Objects.requireNonNull(resolver, "resolver");
            if (answerPosition.isPresent() && answerPosition.getAsLong() < 0) {
                throw new IllegalArgumentException("answerPosition: "
                        + answerPosition.getAsLong() + " (expected: >= 0)");
            }
            if (answerPosition.isEmpty() && resolver.isEmpty()) {
                throw new IllegalArgumentException(
                        "neither answerPosition nor resolver (expected: at least one)");
            }
            Objects.requireNonNull(trace, "trace");
        }

        /** A message without a trace context. */
        public Deliver(Target target, String method, List<Object> args, OptionalLong answerPosition,
                       Optional<Import> resolver) {
            this(target, method, args, answerPosition, resolver, Optional.empty());
        }
    }

    /**
     * Ends the session: the sender closes the connection after this, and both sides break
     * every reference and promise that depended on it.
     *
     * @param reason why, starting with a code from the specification, e.g.
     *               {@code "limit: frame length: 70000 (expected: <= 65536)"}
     */
    record Abort(String reason) implements Message {
        /** Checks that the reason is present. */
        public Abort {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Asks to be told when the promise at {@code target} resolves: {@code listener} receives
     * {@value #FULFILL} or {@value #BREAK}. With {@code wantsPartial}, a resolution to another
     * promise is reported too; otherwise only a final one.
     *
     * @param target       the promise to watch
     * @param listener     the sender's object to tell
     * @param wantsPartial whether to report a resolution to another promise
     */
    record Listen(Target target, Import listener, boolean wantsPartial) implements Message {
        /** Checks that the descriptors are present. */
        public Listen {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(listener, "listener");
        }
    }

    /**
     * Says that the sender dropped imports: for each {@code positions[i]}, the sender has
     * received that reference {@code wireDeltas[i]} times since it last reported it. The
     * exporter subtracts the delta and frees the export when its count reaches zero, so a
     * reference still in flight is not freed.
     *
     * @param positions  positions in the receiver's export table, each {@code >= 0}
     * @param wireDeltas how many times each was received, each {@code >= 1}
     */
    record GcExports(List<Long> positions, List<Long> wireDeltas) implements Message {
        /**
         * Checks and copies the lists.
         *
         * @throws IllegalArgumentException if the lists differ in length, a position is
         *                                  negative, or a delta is below 1
         */
        public GcExports {
            positions = List.copyOf(positions);
            wireDeltas = List.copyOf(wireDeltas);
            if (positions.size() != wireDeltas.size()) {
                throw new IllegalArgumentException("wireDeltas size: " + wireDeltas.size()
                        + " (expected: " + positions.size() + ", the number of positions)");
            }
            checkPositions(positions);
            for (long delta : wireDeltas) {
                if (delta < 1) {
                    throw new IllegalArgumentException("wire delta: " + delta + " (expected: >= 1)");
                }
            }
        }
    }

    /**
     * Says that the sender will not refer to these answers again; the receiver may free them,
     * and the sender may reuse the positions afterwards.
     *
     * @param positions positions in the receiver's answer table, each {@code >= 0}
     */
    record GcAnswers(List<Long> positions) implements Message {
        /**
         * Checks and copies the list.
         *
         * @throws IllegalArgumentException if a position is negative
         */
        public GcAnswers {
            positions = List.copyOf(positions);
            checkPositions(positions);
        }
    }

    /**
     * Pipelines into a field: asks for the component {@code field} of the record that
     * {@code target} resolves to, kept at {@code answerPosition}. The answer breaks if the
     * target breaks, is not a record, or has no such component.
     *
     * @param target         the promise of a record
     * @param field          the component name
     * @param answerPosition where the receiver keeps the field's value
     */
    record Get(Target target, String field, long answerPosition) implements Message {
        /** @throws IllegalArgumentException if {@code answerPosition} is negative */
        public Get {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(field, "field");
            if (answerPosition < 0) {
                throw new IllegalArgumentException(
                        "answerPosition: " + answerPosition + " (expected: >= 0)");
            }
        }
    }

    /**
     * Pipelines into a list: asks for item {@code index} of the list that {@code target}
     * resolves to, kept at {@code answerPosition}. The answer breaks if the target breaks, is
     * not a list, or is too short.
     *
     * @param target         the promise of a list
     * @param index          the item's index, {@code >= 0}
     * @param answerPosition where the receiver keeps the item
     */
    record Index(Target target, long index, long answerPosition) implements Message {
        /** @throws IllegalArgumentException if {@code index} or {@code answerPosition} is negative */
        public Index {
            Objects.requireNonNull(target, "target");
            if (index < 0) {
                throw new IllegalArgumentException("index: " + index + " (expected: >= 0)");
            }
            if (answerPosition < 0) {
                throw new IllegalArgumentException(
                        "answerPosition: " + answerPosition + " (expected: >= 0)");
            }
        }
    }

    /**
     * Pipelines into a tagged value: asks for the payload of the {@link TaggedValue} that
     * {@code target} resolves to, if its tag is {@code tag}, kept at {@code answerPosition}. The
     * answer breaks if the target breaks, is not a tagged value, or has another tag. OCapN's
     * {@code op:untag}; {@code erg/1}, whose values carry no tags, cannot encode it.
     *
     * @param target         the promise of a tagged value
     * @param tag            the tag the value must have
     * @param answerPosition where the receiver keeps the payload
     */
    record Untag(Target target, String tag, long answerPosition) implements Message {
        /** @throws IllegalArgumentException if {@code answerPosition} is negative */
        public Untag {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(tag, "tag");
            if (answerPosition < 0) {
                throw new IllegalArgumentException(
                        "answerPosition: " + answerPosition + " (expected: >= 0)");
            }
        }
    }

    /**
     * Keeps messages in the order sent when the peer answers a question with an object of the
     * asker's own, while messages the asker pipelined to that answer are still on their way
     * there. The asker holds back its later messages and sends this to the answer; the peer
     * sends it back, behind every message pipelined to the answer, to the export the answer
     * resolved to; then the asker lets its held messages go.
     *
     * @param target    the answer, on the way out; the export it resolved to, on the way back
     * @param embargoId chosen by the asker, unique among its embargoes still held, {@code >= 0}
     */
    record Disembargo(Target target, long embargoId) implements Message {
        /** @throws IllegalArgumentException if {@code embargoId} is negative */
        public Disembargo {
            Objects.requireNonNull(target, "target");
            if (embargoId < 0) {
                throw new IllegalArgumentException("embargoId: " + embargoId + " (expected: >= 0)");
            }
        }
    }

    /**
     * Keeps messages in the order sent when the peer's promise, to which the asker sent
     * messages, resolves to an object of the asker's own: those messages come back to it
     * through the peer, and what the asker sends to the object directly must not overtake
     * them. The asker holds back what it sends to the promise from then on and sends this to
     * the peer's promise; the peer passes it through the promise behind those messages and
     * sends a {@link Disembargo} back to the export it resolved to, after them; then the asker
     * lets its held messages go.
     *
     * @param target    the peer's promise, one of its exports
     * @param embargoId chosen by the asker, unique among its embargoes still held, {@code >= 0}
     */
    record DisembargoPromise(Descriptor.Export target, long embargoId) implements Message {
        /** @throws IllegalArgumentException if {@code embargoId} is negative */
        public DisembargoPromise {
            Objects.requireNonNull(target, "target");
            if (embargoId < 0) {
                throw new IllegalArgumentException("embargoId: " + embargoId + " (expected: >= 0)");
            }
        }
    }

    private static void checkPositions(List<Long> positions) {
        for (long position : positions) {
            if (position < 0) {
                throw new IllegalArgumentException("position: " + position + " (expected: >= 0)");
            }
        }
    }
}
