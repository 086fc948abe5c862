package dev.erg.server.cluster;

/** A join refused because a member of the same id still holds a lease. */
public final class LiveMemberException extends ClusterException {

    private final long leaseLeftMillis;

    LiveMemberException(String message, long leaseLeftMillis) {
        super(message);
        this.leaseLeftMillis = leaseLeftMillis;
    }

    /** How long the other member's lease held still when the join was refused. */
    public long leaseLeftMillis() {
        return leaseLeftMillis;
    }
}
