package dev.erg.ocapn.captp;

import dev.erg.ocapn.syrup.PassableWriter;
import dev.erg.ocapn.syrup.ReferenceCodec;
import dev.erg.ocapn.syrup.SyrupKind;
import dev.erg.ocapn.syrup.SyrupWriter;
import dev.erg.wire.WireLimits;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Writes {@link Operation}s as the Syrup records of OCapN's CapTP draft, one value per
 * operation; on {@code tcp-testing-only} they follow one another on the stream unframed.
 * Arguments are written as passables, their references by a {@link ReferenceCodec} (by default
 * {@link CaptpValues}, which writes descriptors as they are).
 */
public final class CaptpWriter {

    private final WireLimits limits;
    private final ReferenceCodec references;

    public CaptpWriter(WireLimits limits, ReferenceCodec references) {
        this.limits = limits;
        this.references = references;
    }

    /** A writer of descriptors as they are, within {@code limits}. */
    public static CaptpWriter plain(WireLimits limits) {
        return new CaptpWriter(limits, CaptpValues.INSTANCE);
    }

    /** The Syrup encoding of {@code operation}. */
    public byte[] encode(Operation operation) {
        SyrupWriter out = new SyrupWriter(Unpooled.buffer(), limits);
        write(out, operation);
        out.finish();
        return out.toByteArray();
    }

    /** The bytes a {@link SigEnvelope} over {@code certificate} signs: its Syrup encoding. */
    public static byte[] encodeSigned(Object certificate) {
        SyrupWriter out = new SyrupWriter(Unpooled.buffer(), WireLimits.defaults());
        CaptpValues.writeSigned(out, certificate);
        out.finish();
        return out.toByteArray();
    }

    /** The bytes {@code op:start-session}'s location signature signs: the locator's Syrup encoding. */
    public static byte[] encodeLocation(PeerLocator location) {
        SyrupWriter out = new SyrupWriter(Unpooled.buffer(), WireLimits.defaults());
        CaptpValues.writeNode(out, location);
        out.finish();
        return out.toByteArray();
    }

    private void write(SyrupWriter out, Operation operation) {
        PassableWriter passables = new PassableWriter(out, references);
        out.open(SyrupKind.RECORD);
        out.symbol(operation.label());
        switch (operation) {
            case Operation.StartSession s -> {
                out.string(s.version());
                Gcrypt.writePublicKey(out, s.sessionKey());
                CaptpValues.writeNode(out, s.location());
                Gcrypt.writeSignature(out, s.locationSignature());
            }
            case Operation.Deliver d -> {
                descriptor(out, d.to());
                passables.list(d.args());
                if (d.answerPosition() == null) {
                    out.bool(false);
                } else {
                    out.integer(d.answerPosition());
                }
                if (d.resolveMe() == null) {
                    out.bool(false);
                } else {
                    descriptor(out, d.resolveMe());
                }
            }
            case Operation.DeliverOnly d -> {
                descriptor(out, d.to());
                passables.list(d.args());
            }
            case Operation.Listen l -> {
                descriptor(out, l.to());
                descriptor(out, l.listener());
                out.bool(l.wantsPartial());
            }
            case Operation.Abort a -> out.string(a.reason());
            case Operation.GcExports g -> {
                integers(out, g.positions());
                integers(out, g.deltas());
            }
            case Operation.GcAnswers g -> integers(out, g.positions());
            case Operation.Get g -> {
                descriptor(out, g.receiver());
                out.string(g.field());
                out.integer(g.answerPosition());
            }
            case Operation.Index i -> {
                descriptor(out, i.receiver());
                out.integer(i.index());
                out.integer(i.answerPosition());
            }
            case Operation.Untag u -> {
                descriptor(out, u.receiver());
                out.string(u.tag());
                out.integer(u.answerPosition());
            }
        }
        out.close();
    }

    private static void descriptor(SyrupWriter out, Descriptor descriptor) {
        CaptpValues.INSTANCE.write(descriptor, out);
    }

    private static void integers(SyrupWriter out, List<Long> values) {
        out.open(SyrupKind.LIST);
        for (long value : values) {
            out.integer(value);
        }
        out.close();
    }
}
