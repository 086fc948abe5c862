package dev.erg.server.cluster;

import java.util.Locale;

/** Where a member is in its life in the cluster. */
public enum MemberState {
    /** Joined, still starting: it holds a lease but takes no vats yet. */
    JOINING,
    /** Serving: it may be given vats. */
    ACTIVE,
    /** Stopping: it holds its vats until they are moved or it departs, and is given no more. */
    LEAVING;

    /** How the {@code members} table writes it. */
    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state {@code text} names, as the table writes it. */
    static MemberState of(String text) {
        return switch (text) {
            case "joining" -> JOINING;
            case "active" -> ACTIVE;
            case "leaving" -> LEAVING;
            default -> throw new ClusterException("the members table holds an unknown state \"" + text + "\"");
        };
    }
}
