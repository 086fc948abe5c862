package dev.erg.server.placement;

/**
 * How a server prices a turn from its utilisation: {@code base / (1 - u)}, with {@code u} held
 * at {@code ceiling} at most. The factor {@code 1 / (1 - u)} is how much longer a turn waits in
 * an M/M/1 queue than on an idle server, so a vat pays in proportion to the delay its turns
 * impose; the price rises gently at low load and steeply near saturation. Servers all post by
 * the same curve, which is public, so a vat can work out what a server will ask once it has
 * arrived there.
 *
 * @param base    the price of a turn on an idle server, more than zero
 * @param ceiling the utilisation past which the price stops rising, in (0, 1)
 */
public record PriceCurve(double base, double ceiling) {

    public PriceCurve {
        if (!(base > 0) || Double.isInfinite(base)) {
            throw new IllegalArgumentException("base: " + base + " (expected: > 0 and finite)");
        }
        if (!(ceiling > 0 && ceiling < 1)) {
            throw new IllegalArgumentException("ceiling: " + ceiling + " (expected: in (0, 1))");
        }
    }

    /** The price of one turn at {@code utilisation}. */
    public double price(double utilisation) {
        return base / (1 - Math.clamp(utilisation, 0, ceiling));
    }

    /** The price of one turn on {@code server} after {@code extra} more turns per second arrive there. */
    public double priceWith(ServerView server, double extra) {
        return price((server.load() + extra) / server.capacity());
    }
}
