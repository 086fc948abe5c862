package dev.erg.ocapn.captp;

import dev.erg.ocapn.syrup.ReferenceCodec;
import dev.erg.ocapn.syrup.SyrupException;
import dev.erg.ocapn.syrup.SyrupKind;
import dev.erg.ocapn.syrup.SyrupReader;
import dev.erg.ocapn.syrup.SyrupWriter;
import dev.erg.wire.codec.ProtocolError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records CapTP adds to OCapN's passable values, read and written as themselves: the four
 * {@link Descriptor}s, {@link SigEnvelope}s of handoff certificates, and node and sturdy ref
 * locators. A session that maps descriptors to its own references wraps this codec.
 */
public final class CaptpValues implements ReferenceCodec {

    /** The one instance; it holds no state. */
    public static final CaptpValues INSTANCE = new CaptpValues();

    static final String SIG_ENVELOPE = "desc:sig-envelope";
    static final String HANDOFF_GIVE = "desc:handoff-give";
    static final String HANDOFF_RECEIVE = "desc:handoff-receive";
    static final String NODE = "ocapn-node";
    static final String STURDYREF = "ocapn-sturdyref";

    private CaptpValues() {
    }

    @Override
    public boolean reads(String label) {
        return switch (label) {
            case "desc:export", "desc:import-object", "desc:import-promise", "desc:answer", SIG_ENVELOPE, NODE,
                    STURDYREF -> true;
            default -> false;
        };
    }

    @Override
    public Object read(String label, SyrupReader in) {
        Object value = switch (label) {
            case "desc:export" -> new Descriptor.Export(Positions.read(in, "position"));
            case "desc:import-object" -> new Descriptor.ImportObject(Positions.read(in, "position"));
            case "desc:import-promise" -> new Descriptor.ImportPromise(Positions.read(in, "position"));
            case "desc:answer" -> new Descriptor.Answer(Positions.read(in, "position"));
            case SIG_ENVELOPE -> envelopeFields(in);
            case NODE -> nodeFields(in);
            case STURDYREF -> new SturdyRefLocator(readNode(in), in.readString());
            default -> throw new IllegalArgumentException("reads no " + label);
        };
        in.exit(label);
        return value;
    }

    @Override
    public boolean write(Object value, SyrupWriter out) {
        switch (value) {
            case Descriptor d -> {
                out.open(SyrupKind.RECORD);
                out.symbol(d.label());
                out.integer(d.position());
                out.close();
            }
            case SigEnvelope e -> writeEnvelope(out, e);
            case PeerLocator l -> writeNode(out, l);
            case SturdyRefLocator s -> {
                out.open(SyrupKind.RECORD);
                out.symbol(STURDYREF);
                writeNode(out, s.node());
                out.string(s.swissNumber());
                out.close();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Reads a descriptor, of one of {@code allowed} labels; {@code what} names its place. */
    static Descriptor readDescriptor(SyrupReader in, String what, String... allowed) {
        long at = in.offset();
        in.enter(SyrupKind.RECORD);
        String label = in.readSymbol();
        for (String ok : allowed) {
            if (ok.equals(label)) {
                return (Descriptor) INSTANCE.read(label, in);
            }
        }
        throw new SyrupException(ProtocolError.TYPE_MISMATCH, at, what + " '" + label, String.join(" or ", allowed));
    }

    static PeerLocator readNode(SyrupReader in) {
        long at = in.offset();
        in.enter(SyrupKind.RECORD);
        String label = in.readSymbol();
        if (!label.equals(NODE)) {
            throw new SyrupException(ProtocolError.TYPE_MISMATCH, at, "'" + label, NODE);
        }
        PeerLocator node = nodeFields(in);
        in.exit(NODE);
        return node;
    }

    static void writeNode(SyrupWriter out, PeerLocator locator) {
        out.open(SyrupKind.RECORD);
        out.symbol(NODE);
        out.string(locator.designator());
        out.symbol(locator.transport());
        if (locator.hints().isEmpty()) {
            out.bool(false);
        } else {
            out.dictionary(locator.hints().entrySet(), SyrupWriter::symbol, SyrupWriter::string);
        }
        out.close();
    }

    static void writeEnvelope(SyrupWriter out, SigEnvelope envelope) {
        out.open(SyrupKind.RECORD);
        out.symbol(SIG_ENVELOPE);
        writeSigned(out, envelope.signed());
        Gcrypt.writeSignature(out, envelope.signature());
        out.close();
    }

    /** Writes the certificate a {@link SigEnvelope} signs. */
    static void writeSigned(SyrupWriter out, Object signed) {
        out.open(SyrupKind.RECORD);
        switch (signed) {
            case HandoffGive give -> {
                out.symbol(HANDOFF_GIVE);
                Gcrypt.writePublicKey(out, give.receiverKey());
                writeNode(out, give.exporterLocation());
                out.bytes(give.session());
                out.bytes(give.gifterSide());
                switch (give.giftId()) {
                    case GiftId.Numbered n -> out.integer(n.value());
                    case GiftId.Named n -> out.bytes(n.bytes());
                }
            }
            case HandoffReceive receive -> {
                out.symbol(HANDOFF_RECEIVE);
                out.bytes(receive.receivingSession());
                out.bytes(receive.receivingSide());
                out.integer(receive.handoffCount());
                writeEnvelope(out, receive.signedGive());
            }
            default -> throw new IllegalArgumentException("not a certificate: " + signed);
        }
        out.close();
    }

    private static PeerLocator nodeFields(SyrupReader in) {
        String designator = in.readString();
        long at = in.offset();
        String transport = in.readSymbol();
        if (transport.isEmpty() || transport.contains(".")) {
            throw new SyrupException(ProtocolError.INVALID_VALUE, at, "transport '" + transport,
                    "a name without '.'");
        }
        Map<String, String> hints = new LinkedHashMap<>();
        if (in.peek() == SyrupKind.BOOLEAN) {
            long falseAt = in.offset();
            if (in.readBoolean()) {
                throw new SyrupException(ProtocolError.TYPE_MISMATCH, falseAt, "true", "hints or false");
            }
        } else {
            in.enter(SyrupKind.DICTIONARY);
            while (!in.closes()) {
                String key = in.readSymbol();
                hints.put(key, in.readString());
            }
            if (hints.isEmpty()) {
                throw new SyrupException(ProtocolError.NON_CANONICAL, at, "empty hints", "false");
            }
        }
        return new PeerLocator(designator, transport, hints);
    }

    private static GiftId readGiftId(SyrupReader in) {
        long at = in.offset();
        if (in.peek() != SyrupKind.BYTES) {
            return new GiftId.Numbered(Positions.read(in, "gift-id"));
        }
        byte[] id = in.readBytes();
        if (id.length < 1 || id.length > GiftId.MAX_BYTES) {
            throw new SyrupException(ProtocolError.INVALID_VALUE, at, "gift-id of " + id.length + " bytes",
                    "an integer from 0 or 1 to " + GiftId.MAX_BYTES + " bytes");
        }
        return new GiftId.Named(id);
    }

    private static SigEnvelope envelopeFields(SyrupReader in) {
        long at = in.offset();
        in.enter(SyrupKind.RECORD);
        String label = in.readSymbol();
        Object signed = switch (label) {
            case HANDOFF_GIVE -> new HandoffGive(Gcrypt.readPublicKey(in), readNode(in), in.readBytes(),
                    in.readBytes(), readGiftId(in));
            case HANDOFF_RECEIVE -> {
                byte[] session = in.readBytes();
                byte[] side = in.readBytes();
                long count = Positions.read(in, "handoff-count");
                long giveAt = in.offset();
                in.enter(SyrupKind.RECORD);
                String inner = in.readSymbol();
                if (!inner.equals(SIG_ENVELOPE)) {
                    throw new SyrupException(ProtocolError.TYPE_MISMATCH, giveAt, "'" + inner, SIG_ENVELOPE);
                }
                SigEnvelope give = envelopeFields(in);
                in.exit(SIG_ENVELOPE);
                if (!(give.signed() instanceof HandoffGive)) {
                    throw new SyrupException(ProtocolError.TYPE_MISMATCH, giveAt, HANDOFF_RECEIVE,
                            "a signed " + HANDOFF_GIVE);
                }
                yield new HandoffReceive(session, side, count, give);
            }
            default -> throw new SyrupException(ProtocolError.TYPE_MISMATCH, at, "'" + label,
                    HANDOFF_GIVE + " or " + HANDOFF_RECEIVE);
        };
        in.exit(label);
        return new SigEnvelope(signed, Gcrypt.readSignature(in));
    }
}
