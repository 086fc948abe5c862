package dev.erg.ocapn.captp;

import dev.erg.ocapn.syrup.PassableWriter;
import dev.erg.ocapn.syrup.ReferenceCodec;
import dev.erg.ocapn.syrup.Symbol;
import dev.erg.ocapn.syrup.SyrupException;
import dev.erg.ocapn.syrup.SyrupReader;
import dev.erg.ocapn.syrup.SyrupWriter;
import dev.erg.vat.Problem;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.ProtocolError;
import dev.erg.wire.codec.ProtocolException;
import dev.erg.wire.codec.ReferenceDecoder;
import dev.erg.wire.codec.ReferenceEncoder;
import dev.erg.wire.codec.Unreadable;
import dev.erg.ocapn.syrup.Tagged;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The session engine's {@link Message}s as OCapN CapTP operations: the counterpart of
 * {@code WireCodec} for the OCapN wire, with the same reference encoder and decoder. A
 * delivery's method travels as the symbol that is its first argument. A delivery whose first
 * argument is not a symbol reads as method {@value #APPLY} with one argument, the list of
 * them all; and method {@value #APPLY} with one argument that is a list is written so, its
 * items the arguments ({@code spec/ocapn.md} section 7.4). {@code op:deliver} with
 * neither answer position nor resolver ({@code f f}) reads as {@link Message.DeliverOnly}. The
 * one reason of a {@code 'break} that is no error reads as a problem that holds it, which is
 * written back as the reason itself ({@link BreakReasons}).
 *
 * <p>What has no form on one side is refused: {@link Message.StartSession}, the disembargoes
 * ({@link Message.Disembargo}, {@link Message.DisembargoPromise}) and handoff certificates are
 * {@code erg/1}'s own and cannot be encoded ({@link NotPassableException});
 * {@code op:start-session} after the session started is refused when read
 * ({@link ProtocolException}). OCapN's
 * own handoff certificates are written and read by the session's handoffs, which the
 * overloads of {@link #encode} and {@link #toMessage} take.
 * Immutable and safe to share.
 */
public final class OcapnCodec {

    /** The method a delivery without a method symbol calls, with the list of its arguments. */
    public static final String APPLY = "apply";

    private final WireLimits limits;
    private final RegisteredTags registered;

    /** A codec within {@code limits} that passes no registered records or enums. */
    public OcapnCodec(WireLimits limits) {
        this(limits, PassableRegistry.empty());
    }

    /**
     * A codec within {@code limits} that passes the records and enums of {@code registry} as
     * tagged values ({@code spec/ocapn.md} section 2.3).
     */
    public OcapnCodec(WireLimits limits, PassableRegistry registry) {
        this.limits = limits;
        this.registered = new RegisteredTags(registry);
    }

    /**
     * The OCapN encoding of {@code message}.
     *
     * @throws NotPassableException if the message or an argument has no OCapN form, or it
     *                              exceeds the limits
     */
    public byte[] encode(Message message, ReferenceEncoder references) {
        return encode(message, references, ReferenceCodec.NONE);
    }

    /**
     * As {@link #encode(Message, ReferenceEncoder)}, {@code handoffs} writing first the values
     * it takes: references handed to a third party, as signed certificates.
     */
    public byte[] encode(Message message, ReferenceEncoder references, ReferenceCodec handoffs) {
        Operation operation = switch (message) {
            case Message.Deliver d -> new Operation.Deliver(target(d.target()), withMethod(d.method(), d.args()),
                    d.answerPosition().isPresent() ? d.answerPosition().getAsLong() : null,
                    d.resolver().map(OcapnCodec::descriptor).orElse(null));
            case Message.DeliverOnly d -> new Operation.DeliverOnly(target(d.target()), withMethod(d.method(), d.args()));
            case Message.Listen l -> new Operation.Listen(target(l.target()), descriptor(l.listener()), l.wantsPartial());
            case Message.Abort a -> new Operation.Abort(a.reason());
            case Message.GcExports g -> new Operation.GcExports(g.positions(), g.wireDeltas());
            case Message.GcAnswers g -> new Operation.GcAnswers(g.positions());
            case Message.Get g -> new Operation.Get(target(g.target()), g.field(), g.answerPosition());
            case Message.Index i -> new Operation.Index(target(i.target()), i.index(), i.answerPosition());
            case Message.Untag u -> new Operation.Untag(target(u.target()), u.tag(), u.answerPosition());
            case Message.StartSession s -> throw new NotPassableException(
                    "erg/1's start-session, which has no OCapN form (op:start-session carries a session key)");
            case Message.Disembargo d -> throw new NotPassableException("disembargo, which OCapN's CapTP draft lacks");
            case Message.DisembargoPromise d -> throw new NotPassableException(
                    "disembargo-promise, which OCapN's CapTP draft lacks");
        };
        return new CaptpWriter(limits, ReferenceCodec.writeOnly(new Encoding(references, handoffs, registered)))
                .encode(operation);
    }

    /**
     * Decodes the one operation {@code bytes} hold as a message.
     *
     * @throws ProtocolException if the bytes break a rule of section 7 of {@code spec/ocapn.md},
     *                           or name an operation the engine does not perform
     */
    public Message decode(byte[] bytes, ReferenceDecoder references) {
        Operation operation;
        try {
            operation = new CaptpReader(limits, new Decoding(references)).decode(bytes);
        } catch (SyrupException e) {
            throw e.toProtocolException();
        }
        return message(operation, args -> resolved(args, references, e -> {
            throw new ProtocolException(ProtocolError.TYPE_MISMATCH, "a signed handoff certificate");
        }));
    }

    /**
     * The message {@code operation} stands for, read as a plain {@link CaptpReader} reads it
     * (its references {@link Descriptor} records), with each reference in its arguments
     * resolved through {@code references}, in the order they appear. A stream of operations
     * is read ahead of the session that acts on them, so references are resolved only here.
     *
     * @throws ProtocolException as {@link #decode}, or if an argument holds a signed handoff
     *                           certificate, which this form does not take
     */
    public Message toMessage(Operation operation, ReferenceDecoder references) {
        return toMessage(operation, references, e -> {
            throw new ProtocolException(ProtocolError.TYPE_MISMATCH,
                    "a signed handoff certificate, which this session does not take");
        });
    }

    /**
     * As {@link #toMessage(Operation, ReferenceDecoder)}, each signed handoff certificate in
     * the arguments replaced by what {@code certificates} makes of it.
     */
    public Message toMessage(Operation operation, ReferenceDecoder references,
                             Function<SigEnvelope, Object> certificates) {
        return message(operation, args -> resolved(args, references, certificates));
    }

    private Message message(Operation operation, UnaryOperator<List<Object>> resolve) {
        return switch (operation) {
            case Operation.Deliver d when d.answerPosition() == null && d.resolveMe() == null ->
                    new Message.DeliverOnly(target(d.to()), method(d.args()), arguments(d.args(), resolve));
            case Operation.Deliver d -> new Message.Deliver(target(d.to()), method(d.args()),
                    arguments(d.args(), resolve),
                    d.answerPosition() == null ? OptionalLong.empty() : OptionalLong.of(d.answerPosition()),
                    Optional.ofNullable(d.resolveMe()).map(OcapnCodec::importOf));
            case Operation.DeliverOnly d ->
                    new Message.DeliverOnly(target(d.to()), method(d.args()), arguments(d.args(), resolve));
            case Operation.Listen l -> new Message.Listen(target(l.to()), importOf(l.listener()), l.wantsPartial());
            case Operation.Abort a -> new Message.Abort(a.reason());
            case Operation.GcExports g -> new Message.GcExports(g.positions(), g.deltas());
            case Operation.GcAnswers g -> new Message.GcAnswers(g.positions());
            case Operation.Get g -> new Message.Get(target(g.receiver()), g.field(), g.answerPosition());
            case Operation.Index i -> new Message.Index(target(i.receiver()), i.index(), i.answerPosition());
            case Operation.StartSession s -> throw new ProtocolException(ProtocolError.UNKNOWN_OP,
                    "op:start-session after the session started");
            case Operation.Untag u -> new Message.Untag(target(u.receiver()), u.tag(), u.answerPosition());
        };
    }

    @SuppressWarnings("unchecked")
    private <T> T resolved(T value, ReferenceDecoder references, Function<SigEnvelope, Object> certificates) {
        Object out = switch (value) {
            case Descriptor d -> references.decode(toWire(d), Object.class);
            case List<?> list -> {
                List<Object> items = new ArrayList<>(list.size());
                list.forEach(item -> items.add(resolved(item, references, certificates)));
                yield Collections.unmodifiableList(items);
            }
            case Map<?, ?> map -> {
                Map<Object, Object> entries = new LinkedHashMap<>();
                map.forEach((k, v) -> entries.put(k, resolved(v, references, certificates)));
                yield Collections.unmodifiableMap(entries);
            }
            case Tagged t -> registered.read(new Tagged(t.tag(), resolved(t.value(), references, certificates)));
            case SigEnvelope e -> certificates.apply(e);
            case null, default -> value;
        };
        return (T) out;
    }

    private List<Object> withMethod(String method, List<Object> args) {
        if (method.equals(APPLY) && args.size() == 1 && args.getFirst() instanceof List<?> items) {
            return new ArrayList<>(items);
        }
        List<Object> all = new ArrayList<>(args.size() + 1);
        all.add(new Symbol(method));
        if (isBreak(method, args) && args.getFirst() instanceof Problem problem) {
            all.add(BreakReasons.written(problem, limits));
        } else {
            all.addAll(args);
        }
        return all;
    }

    private static boolean isBreak(String method, List<Object> args) {
        return method.equals(Message.BREAK) && args.size() == 1;
    }

    private static boolean named(List<Object> args) {
        return !args.isEmpty() && args.getFirst() instanceof Symbol;
    }

    private static String method(List<Object> args) {
        return named(args) ? ((Symbol) args.getFirst()).name() : APPLY;
    }

    /**
     * The arguments of a delivery, resolved: those after its method, or the list of them all if
     * it has none. The one reason of a {@code break} is read as a problem.
     */
    private List<Object> arguments(List<Object> args, UnaryOperator<List<Object>> resolve) {
        try {
            if (!named(args)) {
                return List.of(resolve.apply(args));
            }
            List<Object> resolved = resolve.apply(args.subList(1, args.size()));
            return isBreak(method(args), resolved) && !(resolved.getFirst() instanceof Problem)
                    ? List.of(BreakReasons.problem(resolved.getFirst(), limits)) : resolved;
        } catch (RegisteredTags.Unfit e) {
            // Well formed, but not what this side registered: the answer breaks, the session goes on.
            return List.of(new Unreadable(e.getMessage()));
        }
    }

    private static Descriptor target(dev.erg.wire.codec.Descriptor.Target target) {
        return switch (target) {
            case dev.erg.wire.codec.Descriptor.Export e -> new Descriptor.Export(e.position());
            case dev.erg.wire.codec.Descriptor.Answer a -> new Descriptor.Answer(a.position());
        };
    }

    private static Descriptor descriptor(dev.erg.wire.codec.Descriptor.Import i) {
        return switch (i) {
            case dev.erg.wire.codec.Descriptor.ImportObject o -> new Descriptor.ImportObject(o.position());
            case dev.erg.wire.codec.Descriptor.ImportPromise p -> new Descriptor.ImportPromise(p.position());
        };
    }

    private static dev.erg.wire.codec.Descriptor.Target target(Descriptor d) {
        return switch (d) {
            case Descriptor.Export e -> new dev.erg.wire.codec.Descriptor.Export(e.position());
            case Descriptor.Answer a -> new dev.erg.wire.codec.Descriptor.Answer(a.position());
            default -> throw new ProtocolException(ProtocolError.TYPE_MISMATCH,
                    d.label() + " as a target (expected: desc:export or desc:answer)");
        };
    }

    private static dev.erg.wire.codec.Descriptor.Import importOf(Descriptor d) {
        return switch (d) {
            case Descriptor.ImportObject o -> new dev.erg.wire.codec.Descriptor.ImportObject(o.position());
            case Descriptor.ImportPromise p -> new dev.erg.wire.codec.Descriptor.ImportPromise(p.position());
            default -> throw new ProtocolException(ProtocolError.TYPE_MISMATCH,
                    d.label() + " as a resolver (expected: desc:import-object or desc:import-promise)");
        };
    }

    private static dev.erg.wire.codec.Descriptor toWire(Descriptor d) {
        return switch (d) {
            case Descriptor.Export e -> new dev.erg.wire.codec.Descriptor.Export(e.position());
            case Descriptor.Answer a -> new dev.erg.wire.codec.Descriptor.Answer(a.position());
            case Descriptor.ImportObject o -> new dev.erg.wire.codec.Descriptor.ImportObject(o.position());
            case Descriptor.ImportPromise p -> new dev.erg.wire.codec.Descriptor.ImportPromise(p.position());
        };
    }

    /** References in arguments, written through the session's encoder, and registered records and enums as tagged values. */
    private record Encoding(ReferenceEncoder references, ReferenceCodec handoffs, RegisteredTags registered)
            implements ReferenceCodec.Writer {
        @Override
        public boolean write(Object value, SyrupWriter out) {
            if (handoffs.write(value, out)) {
                return true;
            }
            if (value instanceof PeerLocator || value instanceof SturdyRefLocator) {
                // Locators are data: a sturdy ref passed as an argument, as to an enlivener.
                return CaptpValues.INSTANCE.write(value, out);
            }
            Tagged tagged = registered.tagged(value);
            if (tagged != null) {
                new PassableWriter(out, ReferenceCodec.writeOnly(this)).write(tagged);
                return true;
            }
            Descriptor d = switch (references.encode(value)) {
                case dev.erg.wire.codec.Descriptor.Target t -> target(t);
                case dev.erg.wire.codec.Descriptor.Import i -> descriptor(i);
                case dev.erg.wire.codec.Descriptor.SignedEnvelope<?> e -> throw new NotPassableException(
                        "an erg/1 handoff certificate, which OCapN's handoffs do not accept (spec/ocapn.md section 9)");
                case dev.erg.wire.codec.Descriptor.Certificate c -> throw new NotPassableException(
                        "an unsigned certificate, which is no reference");
            };
            return CaptpValues.INSTANCE.write(d, out);
        }
    }

    /** References in arguments, read through the session's decoder. */
    private record Decoding(ReferenceDecoder references) implements ReferenceCodec {
        @Override
        public boolean reads(String label) {
            return switch (label) {
                case "desc:export", "desc:import-object", "desc:import-promise", "desc:answer" -> true;
                default -> false;
            };
        }

        @Override
        public Object read(String label, SyrupReader in) {
            Descriptor d = (Descriptor) CaptpValues.INSTANCE.read(label, in);
            return references.decode(toWire(d), Object.class);
        }

        @Override
        public boolean write(Object value, SyrupWriter out) {
            return false;
        }
    }
}
