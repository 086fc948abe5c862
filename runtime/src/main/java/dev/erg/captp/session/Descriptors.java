package dev.erg.captp.session;

import dev.erg.vat.Promise;
import dev.erg.vat.spi.Refs;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.ProtocolError;
import dev.erg.wire.codec.ProtocolException;
import dev.erg.wire.codec.Unreadable;

/**
 * Maps the references in messages we send to descriptors, exporting what the peer does not
 * know yet, and the descriptors in messages from the peer back to objects: the session's
 * {@link dev.erg.wire.codec.ReferenceEncoder} and {@link dev.erg.wire.codec.ReferenceDecoder}.
 */
final class Descriptors {

    private final Session session;
    /** Passes references to third vats; null for a session that takes no handoffs. */
    private final Handoffs handoffs;

    Descriptors(Session session, Handoffs handoffs) {
        this.session = session;
        this.handoffs = handoffs;
    }

    /** The descriptor under which the peer will know {@code given}. */
    Descriptor describe(Object given) {
        Object reference = Refs.shorten(given);
        synchronized (session) {
            if (Refs.remoteTarget(reference) instanceof Remote remote) {
                if (remote.session() == session) {
                    return remote.target();
                }
                if (handoffs == null) {
                    throw new NotPassableException("a reference to another peer (" + remote
                            + ") cannot be passed to " + session.peerName() + ": this session takes no handoffs");
                }
                return handoffs.give(remote, session);
            }
            if (reference instanceof Withdrawal withdrawal) {
                return withdrawal.envelope();
            }
            if (reference instanceof Promise<?> promise) {
                return new Descriptor.ImportPromise(session.exports.export(promise));
            }
            return new Descriptor.ImportObject(session.exports.export(reference));
        }
    }

    /** What {@code descriptor} from the peer stands for, as a value of {@code expected}. */
    Object resolve(Descriptor descriptor, Class<?> expected) {
        return switch (descriptor) {
            case Descriptor.ImportObject i -> {
                Unreadable refused = session.imports.refusal(i.position(), false);
                yield refused != null ? refused : Refs.asType(session.imports.of(i.position()), expected);
            }
            case Descriptor.ImportPromise i -> {
                Unreadable refused = session.imports.refusal(i.position(), true);
                yield refused != null ? refused : Refs.asType(session.imports.promise(i.position()), expected);
            }
            case Descriptor.Export e -> session.targetOf(e);
            case Descriptor.Answer a -> session.targetOf(a);
            case Descriptor.SignedEnvelope<?> envelope when handoffs != null -> switch (envelope.signed()) {
                case Descriptor.HandoffGive give -> Refs.asType(handoffs.receive(cast(envelope)), expected);
                case Descriptor.HandoffReceive receive -> new Withdrawal(cast(envelope));
            };
            default -> throw new ProtocolException(ProtocolError.TYPE_MISMATCH,
                    "a " + descriptor.getClass().getSimpleName() + " cannot stand for a value"
                            + (handoffs == null ? " in a session that takes no handoffs" : ""));
        };
    }

    @SuppressWarnings("unchecked")
    private static <T extends Descriptor.Certificate> Descriptor.SignedEnvelope<T> cast(
            Descriptor.SignedEnvelope<?> envelope) {
        return (Descriptor.SignedEnvelope<T>) envelope;
    }
}
