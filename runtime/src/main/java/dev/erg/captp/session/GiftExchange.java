package dev.erg.captp.session;

import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import java.util.List;

/**
 * The bootstrap methods of three-party handoffs, {@code deposit-gift} and
 * {@code withdraw-gift}, for a session whose wire certifies handoffs its own way (OCapN's):
 * the session hands them, with itself as the session they came in on, to the exchange
 * instead of its bootstrap object.
 */
public interface GiftExchange {

    /**
     * Acts on a {@code deposit-gift} the peer of {@code from} sent with {@code args}; returns
     * null, or why the deposit is refused (see {@link Session#depositGift}).
     *
     * @throws dev.erg.wire.codec.ProtocolException if the arguments break the protocol; the
     *                                              session is aborted
     */
    Problem deposit(Session from, List<Object> args);

    /** The answer to a {@code withdraw-gift} the peer of {@code from} sent with {@code args}; never throws. */
    Promise<Object> withdraw(Session from, List<Object> args);
}
