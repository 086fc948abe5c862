package dev.erg.net;

/**
 * What a listening port admits from peers before any of them is trusted: how many
 * connections, how many bytes of frames that have not fully arrived, and how many failed
 * sturdy-ref lookups. Each bound refuses the peer that would pass it, with an audit line, and
 * leaves every other connection as it was.
 *
 * @param maxConnections           connections open at one port at once, from all addresses;
 *                                 one more is closed before its TLS handshake
 * @param maxConnectionsPerAddress connections open at one port at once from one IP address
 * @param maxPartialFrameBytes     bytes that frames not yet complete may announce, summed over
 *                                 the port's connections; the connection whose frame header
 *                                 would pass it is aborted with {@code limit}
 * @param failedFetchesPerSecond   sturdy-ref lookups per second, from one IP address, that may
 *                                 name a swiss number nobody has; beyond it (after a burst of as
 *                                 many again) lookups from that address are refused as
 *                                 {@code Throttled} without being looked up
 */
public record Admission(int maxConnections, int maxConnectionsPerAddress, long maxPartialFrameBytes,
                        int failedFetchesPerSecond) {

    /**
     * 16,384 connections, 1,024 of them from one address, 256 MiB of partial frames, and 20
     * failed lookups per second from one address: a client that holds sturdy refs never
     * fails a lookup, so the last bound meets only guessers and stale refs.
     */
    public static final Admission DEFAULTS = new Admission(16_384, 1_024, 256L << 20, 20);

    /** Checks every bound. */
    public Admission {
        positive("maxConnections", maxConnections);
        positive("maxConnectionsPerAddress", maxConnectionsPerAddress);
        positive("maxPartialFrameBytes", maxPartialFrameBytes);
        positive("failedFetchesPerSecond", failedFetchesPerSecond);
        if (maxConnectionsPerAddress > maxConnections) {
            throw new IllegalArgumentException("maxConnectionsPerAddress: " + maxConnectionsPerAddress
                    + " (expected: <= maxConnections, " + maxConnections + ")");
        }
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 1)");
        }
    }
}
