package dev.erg.net.link;

import dev.erg.vat.spi.LogLimiter;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The audit trail of what peers were refused, written to the logger {@value #LOGGER} for an
 * operator to route where audit records go. Each line says what was refused, from whom (the
 * peer's address, and its vat id once TLS has proved one) and for which vat:
 * <pre>{@code refused connection-cap from 203.0.113.9 (vat -): 1,024 connections open from this address}</pre>
 *
 * <p>A peer cannot flood it: lines are limited per kind of refusal and peer address, one per
 * minute, and the lines held back are summed up with their count, so the trail stays exact in
 * number though not in detail. Addresses are kinds the limiter tells apart up to its bound,
 * beyond which they share one count.
 */
public final class Audit {

    /** The logger audit lines are written to. */
    public static final String LOGGER = "dev.erg.audit";

    private static final LogLimiter LOG = LogLimiter.of(System.getLogger(LOGGER));

    private Audit() {
    }

    /**
     * Records that {@code what} (a kind from a closed set, never the peer's text) was refused
     * to the peer at {@code from}, whose vat id is {@code vat} (null before TLS proved one),
     * because of {@code detail}.
     */
    public static void refused(String what, SocketAddress from, Object vat, String detail) {
        String host = hostOf(from);
        LOG.log(Level.INFO, "refused " + what + " from " + host,
                () -> "refused " + what + " from " + host + " (vat " + (vat == null ? "-" : vat) + "): " + detail, null);
    }

    /** The IP address of {@code address}, without its port: the unit refusals are counted by. */
    static String hostOf(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
