package dev.erg.captp.session;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.ProtocolError;
import dev.erg.wire.codec.ProtocolException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gifts one peer deposited with this vat for other vats to withdraw (spec section 6.2),
 * and the withdrawals that came before their deposits. It lives as long as the gifter's
 * session. Thread-safe; promises are settled outside its lock.
 *
 * <p>It remembers the ids of the last {@value #REMEMBERED_WITHDRAWALS} gifts withdrawn, so that
 * a certificate for one of them, re-signed with a fresh handoff count, is refused at once
 * instead of waiting for a deposit that will never come.
 */
final class GiftBox {

    /** How many withdrawn gift ids the box remembers, oldest forgotten first. */
    static final int REMEMBERED_WITHDRAWALS = 8_192;

    private final int maxGifts;
    private final int remembered;
    private final Map<Bytes, Object> deposited = new HashMap<>();
    private final Map<Bytes, Deferred<Object>> awaited = new HashMap<>();
    private final Map<Bytes, Boolean> withdrawn;
    private Problem closed;

    GiftBox(int maxGifts) {
        this(maxGifts, REMEMBERED_WITHDRAWALS);
    }

    GiftBox(int maxGifts, int remembered) {
        this.maxGifts = maxGifts;
        this.remembered = remembered;
        this.withdrawn = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Bytes, Boolean> eldest) {
                return size() > GiftBox.this.remembered;
            }
        };
    }

    /**
     * Keeps {@code gift} under {@code id}, or hands it to the withdrawal waiting for it; returns
     * null, or why the deposit is refused: the id is in use, by a gift deposited or withdrawn
     * before, which stays as it is.
     *
     * @throws ProtocolException if the gifter deposits too many gifts
     */
    Problem deposit(Bytes id, Object gift) {
        Deferred<Object> waiter;
        synchronized (this) {
            if (closed != null) {
                return null;
            }
            if (deposited.containsKey(id)) {
                return Problem.of(Problem.REFUSED, "deposit refused: a gift is deposited under gift id %s already", id);
            }
            if (withdrawn.containsKey(id)) {
                return Problem.of(Problem.REFUSED, "deposit refused: the gift under gift id %s was withdrawn before", id);
            }
            waiter = awaited.remove(id);
            if (waiter == null) {
                if (deposited.size() >= maxGifts) {
                    throw new ProtocolException(ProtocolError.LIMIT_EXCEEDED,
                            "gifts: " + (deposited.size() + 1) + " entries (expected: <= " + maxGifts + ")");
                }
                deposited.put(id, gift);
                return null;
            }
            withdrawn.put(id, Boolean.TRUE);
        }
        waiter.resolver().resolve(gift);
        return null;
    }

    /**
     * The gift deposited under {@code id}, taken out of the box; if it has not come yet,
     * {@code waiting}'s promise, which its deposit will resolve. A gift withdrawn before is
     * refused at once, and so is a withdrawal past {@code maxGifts} already waiting.
     */
    synchronized Promise<Object> withdraw(Bytes id, Deferred<Object> waiting) {
        if (closed != null) {
            return Promise.broken(closed);
        }
        if (withdrawn.containsKey(id)) {
            return Promise.broken(Problem.of(Problem.REFUSED, "handoff refused: gift %s was withdrawn before", id));
        }
        if (deposited.containsKey(id)) {
            withdrawn.put(id, Boolean.TRUE);
            return Promise.of(deposited.remove(id));
        }
        if (awaited.containsKey(id)) {
            return Promise.broken(Problem.of(Problem.REFUSED, "handoff refused: gift %s is already being withdrawn", id));
        }
        if (awaited.size() >= maxGifts) {
            return Promise.broken(Problem.of(Problem.LIMIT_EXCEEDED,
                    "handoff refused: %d withdrawals already wait for their gifts", awaited.size()));
        }
        awaited.put(id, waiting);
        return waiting.promise();
    }

    /** Gives up on {@code waiting} with {@code why}, unless its gift came in the meantime. */
    void expire(Bytes id, Deferred<Object> waiting, Problem why) {
        synchronized (this) {
            if (!awaited.remove(id, waiting)) {
                return;
            }
        }
        waiting.resolver().reject(why);
    }

    /** The gifter's session ended: its gifts are gone, and every waiting withdrawal breaks. */
    void close(Problem why) {
        List<Deferred<Object>> waiters;
        synchronized (this) {
            if (closed != null) {
                return;
            }
            closed = why;
            deposited.clear();
            withdrawn.clear();
            waiters = new ArrayList<>(awaited.values());
            awaited.clear();
        }
        for (Deferred<Object> w : waiters) {
            w.resolver().reject(why);
        }
    }
}
