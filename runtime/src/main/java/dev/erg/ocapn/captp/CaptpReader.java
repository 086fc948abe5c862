package dev.erg.ocapn.captp;

import dev.erg.ocapn.syrup.PassableReader;
import dev.erg.ocapn.syrup.ReferenceCodec;
import dev.erg.ocapn.syrup.SyrupException;
import dev.erg.ocapn.syrup.SyrupKind;
import dev.erg.ocapn.syrup.SyrupReader;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.ProtocolError;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Syrup records of OCapN's CapTP draft as {@link Operation}s, as strictly as
 * {@link SyrupReader} reads Syrup: each field of the kind the draft gives it, no field missing
 * or extra, descriptors only of the kinds allowed in their place. A failure is a
 * {@link SyrupException} naming the offset, the code and what was expected.
 */
public final class CaptpReader {

    private static final String[] TARGETS = {"desc:export", "desc:answer"};
    private static final String[] RECEIVERS = {"desc:answer", "desc:import-promise", "desc:export"};
    private static final String[] RESOLVERS = {"desc:import-object", "desc:import-promise"};

    private final WireLimits limits;
    private final ReferenceCodec references;

    public CaptpReader(WireLimits limits, ReferenceCodec references) {
        this.limits = limits;
        this.references = references;
    }

    /** A reader of descriptors as they are, within {@code limits}. */
    public static CaptpReader plain(WireLimits limits) {
        return new CaptpReader(limits, CaptpValues.INSTANCE);
    }

    /** Decodes {@code bytes}, which must hold exactly one operation. */
    public Operation decode(byte[] bytes) {
        SyrupReader in = SyrupReader.of(bytes, limits);
        Operation operation = read(in);
        in.expectEnd();
        return operation;
    }

    /** Reads the next operation from {@code in}. */
    public Operation read(SyrupReader in) {
        long at = in.offset();
        if (in.peek() != SyrupKind.RECORD) {
            throw in.mismatch("an operation, a record");
        }
        in.enter(SyrupKind.RECORD);
        if (in.peek() != SyrupKind.SYMBOL) {
            throw in.mismatch("a symbol, the operation's label");
        }
        String label = in.readSymbol();
        PassableReader passables = new PassableReader(in, references);
        Operation operation = switch (label) {
            case "op:start-session" -> new Operation.StartSession(in.readString(), Gcrypt.readPublicKey(in),
                    CaptpValues.readNode(in), Gcrypt.readSignature(in));
            case "op:deliver" -> {
                Descriptor to = CaptpValues.readDescriptor(in, "target", TARGETS);
                List<Object> args = passables.list();
                Long answer = in.peek() == SyrupKind.BOOLEAN ? noneOr(in, "answer-pos") : (Long) Positions.read(in,
                        "answer-pos");
                Descriptor resolveMe = in.peek() == SyrupKind.BOOLEAN ? noneOr(in, "resolve-me-desc")
                        : CaptpValues.readDescriptor(in, "resolver", RESOLVERS);
                yield new Operation.Deliver(to, args, answer, resolveMe);
            }
            case "op:deliver-only" -> new Operation.DeliverOnly(CaptpValues.readDescriptor(in, "target", TARGETS),
                    passables.list());
            case "op:listen" -> new Operation.Listen(CaptpValues.readDescriptor(in, "target", TARGETS),
                    CaptpValues.readDescriptor(in, "listener", RESOLVERS), in.readBoolean());
            case "op:abort" -> new Operation.Abort(in.readString());
            case "op:gc-exports" -> {
                List<Long> positions = integers(in, "export-pos");
                long deltasAt = in.offset();
                List<Long> deltas = integers(in, "wire-delta");
                if (positions.size() != deltas.size()) {
                    throw new SyrupException(ProtocolError.INVALID_VALUE, deltasAt, deltas.size() + " wire-deltas",
                            positions.size() + ", one per export-pos");
                }
                yield new Operation.GcExports(positions, deltas);
            }
            case "op:gc-answers" -> new Operation.GcAnswers(integers(in, "answer-pos"));
            case "op:get" -> new Operation.Get(CaptpValues.readDescriptor(in, "receiver", RECEIVERS),
                    in.readString(), Positions.read(in, "answer-pos"));
            case "op:index" -> new Operation.Index(CaptpValues.readDescriptor(in, "receiver", RECEIVERS),
                    Positions.read(in, "index"), Positions.read(in, "answer-pos"));
            case "op:untag" -> new Operation.Untag(CaptpValues.readDescriptor(in, "receiver", RECEIVERS),
                    in.readString(), Positions.read(in, "answer-pos"));
            default -> throw new SyrupException(ProtocolError.UNKNOWN_OP, at, "operation '" + label,
                    "an operation of OCapN's CapTP draft");
        };
        in.exit(label);
        return operation;
    }

    /** Reads the {@code false} that stands for no {@code what}. */
    private static <T> T noneOr(SyrupReader in, String what) {
        long at = in.offset();
        if (in.readBoolean()) {
            throw new SyrupException(ProtocolError.TYPE_MISMATCH, at, what + " true", "false or a value");
        }
        return null;
    }

    private static List<Long> integers(SyrupReader in, String what) {
        in.enter(SyrupKind.LIST);
        List<Long> values = new ArrayList<>();
        while (!in.closes()) {
            values.add(Positions.read(in, what));
        }
        return values;
    }
}
