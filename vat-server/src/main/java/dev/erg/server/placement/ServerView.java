package dev.erg.server.placement;

import java.util.Objects;

/**
 * One server as a placement policy sees it.
 *
 * @param id         the server's name, unique in the cluster
 * @param capacity   the turns per second it can run, more than zero
 * @param load       the turns per second its vats asked of it, averaged over the host's window
 * @param price      the credits it asks per turn, posted from its load (see {@link PriceCurve})
 * @param membership whether it is joining, settled or leaving
 */
public record ServerView(String id, double capacity, double load, double price, Membership membership) {

    public ServerView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(membership, "membership");
        if (!(capacity > 0) || Double.isInfinite(capacity)) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0 and finite)");
        }
        if (!(load >= 0) || Double.isInfinite(load)) {
            throw new IllegalArgumentException("load: " + load + " (expected: >= 0 and finite)");
        }
        if (!(price >= 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException("price: " + price + " (expected: >= 0 and finite)");
        }
    }

    /** Load as a share of capacity; above 1 when overloaded. */
    public double utilisation() {
        return load / capacity;
    }

    /** Whether this server may be given vats. */
    public boolean accepts() {
        return membership.accepts();
    }
}
