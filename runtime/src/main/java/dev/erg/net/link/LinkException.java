package dev.erg.net.link;

/** Why a connection could not be established: a refused key, a timeout, a peer's abort. */
public final class LinkException extends Exception {

    /** An exception whose message is the reason. */
    public LinkException(String reason) {
        super(reason, null, false, false);
    }
}
