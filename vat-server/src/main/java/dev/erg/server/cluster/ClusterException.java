package dev.erg.server.cluster;

/** A cluster operation that failed; the message says why on one line. */
public class ClusterException extends RuntimeException {

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
