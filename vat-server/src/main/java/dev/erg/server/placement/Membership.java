package dev.erg.server.placement;

/** Where a server is in its life in the cluster. */
public enum Membership {
    /** Newly arrived: accepts vats, though its measured load covers less than a full window. */
    JOINING,
    /** A settled member: accepts vats. */
    MEMBER,
    /** On its way out: accepts nothing, and its vats must be placed elsewhere. */
    LEAVING;

    /** Whether a server in this state may be given vats. */
    public boolean accepts() {
        return switch (this) {
            case JOINING, MEMBER -> true;
            case LEAVING -> false;
        };
    }
}
