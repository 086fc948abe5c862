package dev.erg.net.link;

import dev.erg.vat.PeerFault;
import dev.erg.vat.spi.LogLimiter;
import dev.erg.vat.spi.Refs;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;

/**
 * Where the network layer tells what went wrong with a connection. A peer's faults (a broken
 * protocol, a failed handshake) are counted as {@link PeerFault}s and written to the
 * {@linkplain Audit audit trail} without a stack trace: they are the peer's to fix, and the
 * session they came with is already closed. An exception the layer did not expect is its own
 * bug, logged at ERROR with its trace the first time.
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
     * @param from the peer's address
     * @param vat  the peer's vat id, or null if the handshake has not proved one
     */
    public static void protocol(String kind, SocketAddress from, Object vat, String reason) {
        Refs.countFault(PeerFault.PROTOCOL);
        Audit.refused("session (" + kind + ")", from, vat, reason);
    }

    /** A connection from {@code from} failed its handshake, for {@code reason}; see {@link #protocol}. */
    static void handshake(String kind, SocketAddress from, Object vat, String reason) {
        Refs.countFault(PeerFault.HANDSHAKE);
        Audit.refused("handshake (" + kind + ")", from, vat, reason);
    }

    /** Handling a connection with {@code who} threw what the network layer never expects to throw. */
    static void bug(Object who, Throwable thrown) {
        LOG.log(Level.ERROR, "bug " + thrown.getClass().getName(),
                () -> "the connection with " + who + " failed on a bug in the runtime: " + thrown, thrown);
    }
}
