package dev.erg.server.cluster;

/** A move or state change of a vat refused because its epoch is no longer the one the caller read. */
public final class EpochConflictException extends ClusterException {

    EpochConflictException(String message) {
        super(message);
    }
}
