package dev.erg.wire.codec;

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
import dev.erg.wire.codec.Message.Untag;
import dev.erg.trace.TraceContext;
import java.util.List;
import java.util.Optional;

/** Encodes one {@link Message} as {@link MessageReader} decodes it. */
final class MessageWriter {

    private final ItemWriter out;
    private final ValueWriter values;
    private final CborWriter cbor;
    /** The field being written, for the path of a failure. */
    private String field;

    private MessageWriter(ItemWriter out, ValueWriter values) {
        this.out = out;
        this.values = values;
        this.cbor = out.cbor();
    }

    static void write(Message message, ItemWriter out, ValueWriter values) {
        new MessageWriter(out, values).message(message);
    }

    private void message(Message message) {
        out.enter(0);
        cbor.head(Cbor.TAG, Tag.MESSAGE);
        try {
            switch (message) {
                case StartSession m -> {
                    start(Op.START_SESSION);
                    field = "version";
                    out.text(m.version());
                    field = "vatId";
                    out.bytes(m.vatId());
                    field = "locationHints";
                    out.texts(m.locationHints(), 1);
                }
                case DeliverOnly m -> {
                    start(Op.DELIVER_ONLY, m.trace().isPresent());
                    call(m.target(), m.method(), m.args());
                    trace(m.trace());
                }
                case Deliver m -> {
                    start(Op.DELIVER, m.trace().isPresent());
                    call(m.target(), m.method(), m.args());
                    if (m.answerPosition().isPresent()) {
                        cbor.head(Cbor.UNSIGNED, m.answerPosition().getAsLong());
                    } else {
                        cbor.simple(Cbor.NULL);
                    }
                    if (m.resolver().isPresent()) {
                        DescriptorWriter.write(out, m.resolver().get(), 1);
                    } else {
                        cbor.simple(Cbor.NULL);
                    }
                    trace(m.trace());
                }
                case Abort m -> {
                    start(Op.ABORT);
                    field = "reason";
                    out.text(m.reason());
                }
                case Listen m -> {
                    start(Op.LISTEN);
                    DescriptorWriter.write(out, m.target(), 1);
                    DescriptorWriter.write(out, m.listener(), 1);
                    cbor.simple(m.wantsPartial() ? Cbor.TRUE : Cbor.FALSE);
                }
                case GcExports m -> {
                    start(Op.GC_EXPORTS);
                    field = "positions";
                    out.unsigneds(m.positions(), 1);
                    field = "wireDeltas";
                    out.unsigneds(m.wireDeltas(), 1);
                }
                case GcAnswers m -> {
                    start(Op.GC_ANSWERS);
                    field = "positions";
                    out.unsigneds(m.positions(), 1);
                }
                case Get m -> {
                    start(Op.GET);
                    DescriptorWriter.write(out, m.target(), 1);
                    field = "field";
                    out.text(m.field());
                    cbor.head(Cbor.UNSIGNED, m.answerPosition());
                }
                case Index m -> {
                    start(Op.INDEX);
                    DescriptorWriter.write(out, m.target(), 1);
                    cbor.head(Cbor.UNSIGNED, m.index());
                    cbor.head(Cbor.UNSIGNED, m.answerPosition());
                }
                case Untag m -> throw PathFailure.notPassable("untag",
                        "a message erg/1 carries: its values have no tags, so it has no untag");
                case Disembargo m -> {
                    start(Op.DISEMBARGO);
                    DescriptorWriter.write(out, m.target(), 1);
                    cbor.head(Cbor.UNSIGNED, m.embargoId());
                }
                case DisembargoPromise m -> {
                    start(Op.DISEMBARGO_PROMISE);
                    DescriptorWriter.write(out, m.target(), 1);
                    cbor.head(Cbor.UNSIGNED, m.embargoId());
                }
            }
        } catch (PathFailure f) {
            throw field == null ? f : f.at("." + field);
        }
    }

    private void start(int op) {
        start(op, false);
    }

    private void start(int op, boolean traced) {
        cbor.head(Cbor.ARRAY, Op.length(op) + (traced ? 1 : 0));
        cbor.head(Cbor.UNSIGNED, op);
    }

    /** Writes a message's trace context, if it has one, as its last item. */
    private void trace(Optional<TraceContext> trace) {
        if (trace.isPresent()) {
            out.bytes(Bytes.of(trace.get().toBytes()));
        }
    }

    /** Writes the target, method and arguments that deliver and deliver-only share. */
    private void call(Descriptor.Target target, String method, List<Object> args) {
        DescriptorWriter.write(out, target, 1);
        field = "method";
        out.text(method);
        field = "args";
        values.values(args, 1);
        field = null;
    }
}
