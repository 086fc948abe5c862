package dev.erg.wire.codec;

import dev.erg.wire.codec.Descriptor.Answer;
import dev.erg.wire.codec.Descriptor.Export;
import dev.erg.wire.codec.Descriptor.HandoffGive;
import dev.erg.wire.codec.Descriptor.HandoffReceive;
import dev.erg.wire.codec.Descriptor.ImportObject;
import dev.erg.wire.codec.Descriptor.ImportPromise;
import dev.erg.wire.codec.Descriptor.SignedEnvelope;

/** Writes {@link Descriptor}s as {@link DescriptorReader} reads them. */
final class DescriptorWriter {

    private DescriptorWriter() {
    }

    /** Writes {@code descriptor}, of any kind, at {@code depth}. */
    static void write(ItemWriter out, Descriptor descriptor, int depth) {
        CborWriter cbor = out.cbor();
        switch (descriptor) {
            case ImportObject d -> position(cbor, Tag.IMPORT_OBJECT, d.position());
            case ImportPromise d -> position(cbor, Tag.IMPORT_PROMISE, d.position());
            case Export d -> position(cbor, Tag.EXPORT, d.position());
            case Answer d -> position(cbor, Tag.ANSWER, d.position());
            case HandoffGive give -> {
                int inner = out.enter(depth);
                cbor.head(Cbor.TAG, Tag.HANDOFF_GIVE);
                cbor.head(Cbor.ARRAY, 6);
                out.bytes(give.receiverKey());
                out.bytes(give.exporterVatId());
                out.texts(give.exporterHints(), inner);
                out.bytes(give.session());
                out.bytes(give.gifterSide());
                out.bytes(give.giftId());
            }
            case HandoffReceive receive -> {
                int inner = out.enter(depth);
                cbor.head(Cbor.TAG, Tag.HANDOFF_RECEIVE);
                cbor.head(Cbor.ARRAY, 4);
                out.bytes(receive.receivingSession());
                out.bytes(receive.receivingSide());
                cbor.head(Cbor.UNSIGNED, receive.handoffCount());
                write(out, receive.signedGive(), inner);
            }
            case SignedEnvelope<?> envelope -> {
                int inner = out.enter(depth);
                cbor.head(Cbor.TAG, Tag.SIGNED_ENVELOPE);
                cbor.head(Cbor.ARRAY, 2);
                write(out, envelope.signed(), inner);
                out.bytes(envelope.signature());
            }
        }
    }

    private static void position(CborWriter cbor, int tag, long position) {
        cbor.head(Cbor.TAG, tag);
        cbor.head(Cbor.UNSIGNED, position);
    }
}
