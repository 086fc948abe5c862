package dev.erg.net;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How many failed sturdy-ref lookups each peer address may still make: a token bucket per IP
 * address, refilled at a fixed rate up to as many tokens as one second's rate. A lookup that
 * names nothing takes a token; an address with none left is refused every lookup, found or
 * not, until the bucket refills, so a guesser's rate is bounded whatever it sends.
 *
 * <p>Addresses are remembered up to {@value #MAX_ADDRESSES}; past that the address heard from
 * least recently is forgotten first (a full bucket and an absent one are alike). Thread-safe.
 */
final class FetchThrottle {

    static final int MAX_ADDRESSES = 4096;

    private final double perNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private final Map<InetAddress, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true);

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    /** A throttle allowing {@code perSecond} failed lookups per second per address, read from {@code nanoTime}. */
    FetchThrottle(int perSecond, LongSupplier nanoTime) {
        this.perNano = perSecond / 1e9;
        this.capacity = perSecond;
        this.nanoTime = nanoTime;
    }

    /** Whether a lookup from {@code from} may be made now: false while its bucket is empty. */
    synchronized boolean allows(InetAddress from) {
        Bucket b = buckets.get(from);
        return b == null || refill(b) >= 1;
    }

    /** Takes a token from {@code from}'s bucket, for a lookup that found nothing. */
    synchronized void failed(InetAddress from) {
        Bucket b = buckets.get(from);
        if (b == null) {
            if (buckets.size() >= MAX_ADDRESSES) {
                Iterator<InetAddress> eldest = buckets.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
            b = new Bucket(capacity, nanoTime.getAsLong());
            buckets.put(from, b);
        }
        b.tokens = Math.max(0, refill(b) - 1);
    }

    private double refill(Bucket b) {
        long now = nanoTime.getAsLong();
        b.tokens = Math.min(capacity, b.tokens + (now - b.at) * perNano);
        b.at = now;
        return b.tokens;
    }
}
