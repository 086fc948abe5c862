package dev.erg.server.placement;

/** A server of the simulated cluster, with its queue of turns. */
final class SimServer {

    final String id;
    final double capacity;
    final int arrived;
    Membership membership = Membership.JOINING;
    /** The sum of its vats' measured loads, as the host reckons it. */
    double measured;
    /** Turns waiting past the end of the last second. */
    double backlog;
    /** Turns that arrived in the current second, and those of them that waited already. */
    double arrivals;
    double pausedTurns;
    double fundedTurns;
    double fundedWait;

    SimServer(String id, double capacity, int arrived) {
        this.id = id;
        this.capacity = capacity;
        this.arrived = arrived;
    }

    ServerView view(PriceCurve prices) {
        return new ServerView(id, capacity, measured, prices.price(measured / capacity), membership);
    }
}
