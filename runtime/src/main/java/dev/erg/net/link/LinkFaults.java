package dev.erg.net.link;

import dev.erg.vat.PeerFault;
import dev.erg.vat.spi.LogLimiter;
import dev.erg.vat.spi.Refs;
import java.lang.System.Logger.Level;

/**
 * Where the network layer tells what went wrong with a connection. A peer's faults (a broken
 * protocol, a failed handshake) are counted as {@link PeerFault}s and logged at INFO without a
 * stack trace, a line per kind per interval: they are the peer's to fix, and the session they
 * came with is already closed. An exception the layer did not expect is its own bug, logged at
 * ERROR with its trace the first time.
 */
public final class LinkFaults {

    private static final LogLimiter LOG = LogLimiter.of(System.getLogger(LinkFaults.class.getPackageName()));

    private LinkFaults() {
    }

    /**
     * A peer broke the protocol and its session is aborted with {@code reason}.
     *
     * @param kind what was broken, from a closed set (a protocol error code, a rule of the
     *             handshake), never the peer's own text
     * @param who  the peer: its vat id, or its address before the handshake proved one
     */
    public static void protocol(String kind, Object who, String reason) {
        Refs.countFault(PeerFault.PROTOCOL);
        LOG.log(Level.INFO, "protocol " + kind, () -> "aborted the session with " + who + ": " + reason, null);
    }

    /** A connection with {@code who} failed its handshake, for {@code reason}; see {@link #protocol} for {@code kind}. */
    static void handshake(String kind, Object who, String reason) {
        Refs.countFault(PeerFault.HANDSHAKE);
        LOG.log(Level.INFO, "handshake " + kind, () -> "handshake with " + who + " failed: " + reason, null);
    }

    /** Handling a connection with {@code who} threw what the network layer never expects to throw. */
    static void bug(Object who, Throwable thrown) {
        LOG.log(Level.ERROR, "bug " + thrown.getClass().getName(),
                () -> "the connection with " + who + " failed on a bug in the runtime: " + thrown, thrown);
    }
}
