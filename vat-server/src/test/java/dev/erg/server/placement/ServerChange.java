package dev.erg.server.placement;

/** A change in the cluster's servers that the workload calls for. */
sealed interface ServerChange {

    /** A new server arrives. */
    record Join() implements ServerChange {
    }

    /** The server at {@code index} among the live ones, in order of arrival, leaves. */
    record Leave(int index) implements ServerChange {
    }
}
