package dev.erg.server.cluster;

/**
 * A member's lease ended before it was renewed: by the database's clock the member is dead for
 * every other member, which may have taken its vats. It must join again to be a member.
 */
public final class LeaseLostException extends ClusterException {

    public LeaseLostException(String message) {
        super(message);
    }
}
