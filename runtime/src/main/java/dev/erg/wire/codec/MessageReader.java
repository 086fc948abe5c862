package dev.erg.wire.codec;

import dev.erg.wire.codec.Descriptor.Import;
import dev.erg.wire.codec.Descriptor.Target;
import dev.erg.wire.codec.Message.Abort;
import dev.erg.wire.codec.Message.Deliver;
import dev.erg.wire.codec.Message.DeliverOnly;
import dev.erg.wire.codec.Message.Disembargo;
import dev.erg.wire.codec.Message.DisembargoPromise;
import dev.erg.wire.codec.Message.GcAnswers;
import dev.erg.wire.codec.Message.GcExports;
import dev.erg.wire.codec.Message.Get;
import dev.erg.wire.codec.Message.Index;
import dev.erg.wire.codec.Message.Listen;
import dev.erg.wire.codec.Message.StartSession;
import dev.erg.trace.TraceContext;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decodes one {@link Message}: tag {@value Tag#MESSAGE} around an array whose first item is the
 * op code and whose length is fixed by it. Paths in errors name the message's fields, as in
 * {@code $.args[2]}.
 */
final class MessageReader {

    private final ItemReader in;
    private final ValueReader values;
    /** The field being read, for the path of a failure; {@code null} while reading none. */
    private String field;
    /** Whether the message being read ends with a trace context. */
    private boolean traced;

    private MessageReader(ItemReader in, ValueReader values) {
        this.in = in;
        this.values = values;
    }

    /** Reads a message and checks that nothing follows it. */
    static Message read(ItemReader in, ValueReader values) {
        Message message = new MessageReader(in, values).message();
        in.cbor().expectEnd();
        return message;
    }

    private Message message() {
        int initial = in.next();
        if (initial >>> 5 != Cbor.TAG) {
            throw in.mismatch(initial, "a message, tag " + Tag.MESSAGE);
        }
        long tag = in.cbor().argument(initial);
        if (tag != Tag.MESSAGE) {
            throw ItemReader.wrongTag(tag, "a message, tag " + Tag.MESSAGE);
        }
        int length = in.arrayHead("message", 0, false);
        if (length == 0) {
            throw PathFailure.of(ProtocolError.TYPE_MISMATCH, "message with item count 0",
                    ">= 1, an op code and then the fields");
        }
        try {
            field = "op";
            long code = in.unsigned("op code");
            if (!Op.isDefined(code)) {
                throw PathFailure.of(ProtocolError.UNKNOWN_OP, "unknown op code " + code, null);
            }
            int op = (int) code;
            field = null;
            traced = Op.mayBeTraced(op) && length == Op.length(op) + 1;
            if (length != Op.length(op) && !traced) {
                throw PathFailure.of(ProtocolError.TYPE_MISMATCH,
                        Op.name(op) + " with item count " + length, Integer.toString(Op.length(op)));
            }
            return switch (op) {
                case Op.START_SESSION -> startSession();
                case Op.DELIVER_ONLY -> deliverOnly();
                case Op.DELIVER -> deliver();
                case Op.ABORT -> abort();
                case Op.LISTEN -> listen();
                case Op.GC_EXPORTS -> gcExports();
                case Op.GC_ANSWERS -> gcAnswers();
                case Op.GET -> get();
                case Op.INDEX -> index();
                case Op.DISEMBARGO -> disembargo();
                default -> disembargoPromise();
            };
        } catch (PathFailure f) {
            throw field == null ? f : f.at("." + field);
        }
    }

    private StartSession startSession() {
        field = "version";
        String version = in.text();
        field = "vatId";
        Bytes vatId = in.bytes();
        field = "locationHints";
        List<String> hints = in.texts(1);
        field = null;
        return ItemReader.construct("start-session", () -> new StartSession(version, vatId, hints));
    }

    private DeliverOnly deliverOnly() {
        Target target = target("target");
        field = "method";
        String method = in.name();
        field = "args";
        List<Object> args = values.arguments(1);
        Optional<TraceContext> trace = trace();
        field = null;
        return new DeliverOnly(target, method, args, trace);
    }

    private Deliver deliver() {
        Target target = target("target");
        field = "method";
        String method = in.name();
        field = "args";
        List<Object> args = values.arguments(1);
        field = "answerPosition";
        OptionalLong answerPosition = in.nextIsNull()
                ? OptionalLong.empty() : OptionalLong.of(in.unsigned("answer position"));
        field = "resolver";
        Optional<Import> resolver = in.nextIsNull() ? Optional.empty() : Optional.of(imported("resolver"));
        Optional<TraceContext> trace = trace();
        field = null;
        return ItemReader.construct("deliver",
                () -> new Deliver(target, method, args, answerPosition, resolver, trace));
    }

    /**
     * Reads the optional last item of a deliver or deliver-only: a trace context of
     * {@value TraceContext#BYTES} bytes, or {@value TraceContext#BYTES_WITH_PARENT} with the
     * sending turn's span id.
     */
    private Optional<TraceContext> trace() {
        if (!traced) {
            return Optional.empty();
        }
        field = "trace";
        byte[] bytes = in.bytes().toByteArray();
        if (bytes.length != TraceContext.BYTES && bytes.length != TraceContext.BYTES_WITH_PARENT) {
            throw PathFailure.of(ProtocolError.INVALID_VALUE, "trace context of " + bytes.length + " bytes",
                    TraceContext.BYTES + " or " + TraceContext.BYTES_WITH_PARENT);
        }
        try {
            return Optional.of(TraceContext.fromBytes(bytes));
        } catch (IllegalArgumentException e) {
            throw PathFailure.of(ProtocolError.INVALID_VALUE, "trace context with an all-zero id", "no id all zeros");
        }
    }

    private Abort abort() {
        field = "reason";
        String reason = in.text();
        field = null;
        return new Abort(reason);
    }

    private Listen listen() {
        Target target = target("target");
        Import listener = imported("listener");
        field = "wantsPartial";
        boolean wantsPartial = in.bool();
        field = null;
        return new Listen(target, listener, wantsPartial);
    }

    private GcExports gcExports() {
        field = "positions";
        List<Long> positions = in.unsigneds("position", 1);
        field = "wireDeltas";
        List<Long> wireDeltas = in.unsigneds("wire delta", 1);
        field = null;
        return ItemReader.construct("gc-exports", () -> new GcExports(positions, wireDeltas));
    }

    private GcAnswers gcAnswers() {
        field = "positions";
        List<Long> positions = in.unsigneds("position", 1);
        field = null;
        return new GcAnswers(positions);
    }

    private Get get() {
        Target target = target("target");
        field = "field";
        String name = in.text();
        field = "answerPosition";
        long answerPosition = in.unsigned("answer position");
        field = null;
        return new Get(target, name, answerPosition);
    }

    private Index index() {
        Target target = target("target");
        field = "index";
        long index = in.unsigned("index");
        field = "answerPosition";
        long answerPosition = in.unsigned("answer position");
        field = null;
        return new Index(target, index, answerPosition);
    }

    private Disembargo disembargo() {
        Target target = target("target");
        field = "embargoId";
        long embargoId = in.unsigned("embargo id");
        field = null;
        return new Disembargo(target, embargoId);
    }

    private DisembargoPromise disembargoPromise() {
        field = "target";
        Descriptor descriptor = DescriptorReader.read(in, 1);
        if (!(descriptor instanceof Descriptor.Export export)) {
            throw PathFailure.of(ProtocolError.TYPE_MISMATCH, kind(descriptor) + " descriptor", "export");
        }
        field = "embargoId";
        long embargoId = in.unsigned("embargo id");
        field = null;
        return new DisembargoPromise(export, embargoId);
    }

    private Target target(String name) {
        field = name;
        Descriptor descriptor = DescriptorReader.read(in, 1);
        if (descriptor instanceof Target target) {
            return target;
        }
        throw PathFailure.of(ProtocolError.TYPE_MISMATCH, kind(descriptor) + " descriptor",
                "export or answer");
    }

    private Import imported(String name) {
        field = name;
        Descriptor descriptor = DescriptorReader.read(in, 1);
        if (descriptor instanceof Import imported) {
            return imported;
        }
        throw PathFailure.of(ProtocolError.TYPE_MISMATCH, kind(descriptor) + " descriptor",
                "import-object or import-promise");
    }

    private static String kind(Descriptor descriptor) {
        return switch (descriptor) {
            case Descriptor.ImportObject _ -> "import-object";
            case Descriptor.ImportPromise _ -> "import-promise";
            case Descriptor.Export _ -> "export";
            case Descriptor.Answer _ -> "answer";
            case Descriptor.HandoffGive _ -> "handoff-give";
            case Descriptor.HandoffReceive _ -> "handoff-receive";
            case Descriptor.SignedEnvelope<?> _ -> "sig-envelope";
        };
    }
}
