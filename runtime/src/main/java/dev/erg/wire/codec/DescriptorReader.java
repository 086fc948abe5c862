package dev.erg.wire.codec;

import dev.erg.wire.codec.Descriptor.Answer;
import dev.erg.wire.codec.Descriptor.Certificate;
import dev.erg.wire.codec.Descriptor.Export;
import dev.erg.wire.codec.Descriptor.HandoffGive;
import dev.erg.wire.codec.Descriptor.HandoffReceive;
import dev.erg.wire.codec.Descriptor.ImportObject;
import dev.erg.wire.codec.Descriptor.ImportPromise;
import dev.erg.wire.codec.Descriptor.SignedEnvelope;
import java.util.List;

/**
 * Reads {@link Descriptor}s: a tag of the protocol around a position, or around the array of a
 * handoff certificate or signed envelope. Failures name the fields, as in
 * {@code $.signed.receiverKey}.
 */
final class DescriptorReader {

    private DescriptorReader() {
    }

    /** Reads a descriptor of any kind at {@code depth}. */
    static Descriptor read(ItemReader in, int depth) {
        int initial = in.next();
        if (initial >>> 5 != Cbor.TAG) {
            throw in.mismatch(initial, "a descriptor");
        }
        long tag = in.cbor().argument(initial);
        if (!Tag.isDescriptor(tag)) {
            throw ItemReader.wrongTag(tag, "a descriptor");
        }
        return read(in, tag, depth);
    }

    /** Reads the content of a descriptor whose tag, {@code tag}, was just read. */
    static Descriptor read(ItemReader in, long tag, int depth) {
        return switch ((int) tag) {
            case Tag.IMPORT_OBJECT -> new ImportObject(in.unsigned("position"));
            case Tag.IMPORT_PROMISE -> new ImportPromise(in.unsigned("position"));
            case Tag.EXPORT -> new Export(in.unsigned("position"));
            case Tag.ANSWER -> new Answer(in.unsigned("position"));
            case Tag.HANDOFF_GIVE -> handoffGive(in, depth);
            case Tag.HANDOFF_RECEIVE -> handoffReceive(in, depth);
            default -> envelope(in, depth);
        };
    }

    private static HandoffGive handoffGive(ItemReader in, int depth) {
        in.fields("handoff-give", 6, depth);
        String field = "receiverKey";
        try {
            Bytes receiverKey = in.bytes();
            field = "exporterVatId";
            Bytes exporterVatId = in.bytes();
            field = "exporterHints";
            List<String> exporterHints = in.texts(depth + 1);
            field = "session";
            Bytes session = in.bytes();
            field = "gifterSide";
            Bytes gifterSide = in.bytes();
            field = "giftId";
            Bytes giftId = in.bytes();
            field = null;
            return ItemReader.construct("handoff-give",
                    () -> new HandoffGive(receiverKey, exporterVatId, exporterHints, session, gifterSide, giftId));
        } catch (PathFailure f) {
            throw field == null ? f : f.at("." + field);
        }
    }

    private static HandoffReceive handoffReceive(ItemReader in, int depth) {
        in.fields("handoff-receive", 4, depth);
        String field = "receivingSession";
        try {
            Bytes receivingSession = in.bytes();
            field = "receivingSide";
            Bytes receivingSide = in.bytes();
            field = "handoffCount";
            long handoffCount = in.unsigned("handoff count");
            field = "signedGive";
            SignedEnvelope<HandoffGive> signedGive = signedGive(in, depth + 1);
            field = null;
            return ItemReader.construct("handoff-receive",
                    () -> new HandoffReceive(receivingSession, receivingSide, handoffCount, signedGive));
        } catch (PathFailure f) {
            throw field == null ? f : f.at("." + field);
        }
    }

    /** Reads a sig-envelope that must hold a handoff-give. */
    private static SignedEnvelope<HandoffGive> signedGive(ItemReader in, int depth) {
        int initial = in.next();
        if (initial >>> 5 != Cbor.TAG) {
            throw in.mismatch(initial, "sig-envelope of a handoff-give");
        }
        long tag = in.cbor().argument(initial);
        if (tag != Tag.SIGNED_ENVELOPE) {
            throw ItemReader.wrongTag(tag, "sig-envelope of a handoff-give");
        }
        in.fields("sig-envelope", 2, depth);
        HandoffGive give;
        try {
            if (certificateTag(in, "handoff-give") != Tag.HANDOFF_GIVE) {
                throw PathFailure.of(ProtocolError.TYPE_MISMATCH, "handoff-receive", "handoff-give");
            }
            give = handoffGive(in, depth + 1);
        } catch (PathFailure f) {
            throw f.at(".signed");
        }
        Bytes signature = signature(in);
        return ItemReader.construct("sig-envelope", () -> new SignedEnvelope<>(give, signature));
    }

    private static SignedEnvelope<?> envelope(ItemReader in, int depth) {
        in.fields("sig-envelope", 2, depth);
        Certificate signed;
        try {
            signed = certificateTag(in, "handoff-give or handoff-receive") == Tag.HANDOFF_GIVE
                    ? handoffGive(in, depth + 1) : handoffReceive(in, depth + 1);
        } catch (PathFailure f) {
            throw f.at(".signed");
        }
        Bytes signature = signature(in);
        return ItemReader.construct("sig-envelope", () -> new SignedEnvelope<>(signed, signature));
    }

    /** Reads the tag of a certificate, which must be a handoff-give or handoff-receive. */
    private static long certificateTag(ItemReader in, String expected) {
        int initial = in.next();
        if (initial >>> 5 != Cbor.TAG) {
            throw in.mismatch(initial, expected);
        }
        long tag = in.cbor().argument(initial);
        if (tag != Tag.HANDOFF_GIVE && tag != Tag.HANDOFF_RECEIVE) {
            throw ItemReader.wrongTag(tag, expected);
        }
        return tag;
    }

    private static Bytes signature(ItemReader in) {
        try {
            return in.bytes();
        } catch (PathFailure f) {
            throw f.at(".signature");
        }
    }
}
