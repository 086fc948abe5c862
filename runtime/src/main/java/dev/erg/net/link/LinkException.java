package dev.erg.net.link;

import java.util.List;

/**
 * Why a connection could not be established: a refused key, a timeout, a peer's abort, or a
 * redirect to where the vat lives now ({@link #redirectHints()}).
 */
public final class LinkException extends Exception {

    private final List<String> redirectHints;

    /** An exception whose message is the reason. */
    public LinkException(String reason) {
        this(reason, List.of());
    }

    private LinkException(String reason, List<String> redirectHints) {
        super(reason, null, false, false);
        this.redirectHints = redirectHints;
    }

    /** The listener dialed does not host the vat, and said to dial {@code hints} instead. */
    static LinkException redirected(String reason, List<String> hints) {
        return new LinkException(reason, List.copyOf(hints));
    }

    /** Where the listener said the vat lives, {@code host:port}; empty unless redirected. */
    public List<String> redirectHints() {
        return redirectHints;
    }
}
