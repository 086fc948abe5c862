package dev.erg.net.link;

import dev.erg.net.Admission;
import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections open at one port, in all and per IP address, bounded by an
 * {@link Admission}. A connection is counted from when it is accepted until it closes, whether
 * or not its handshake succeeds, so that a peer cannot hold places with handshakes it never
 * finishes. Thread-safe.
 */
final class ConnectionCaps {

    private final int max;
    private final int maxPerAddress;
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private int open;

    ConnectionCaps(Admission admission) {
        this.max = admission.maxConnections();
        this.maxPerAddress = admission.maxConnectionsPerAddress();
    }

    /**
     * Counts {@code ch} until it closes and returns null, or returns why it is refused,
     * counting nothing.
     */
    String admit(Channel ch) {
        InetAddress from = ch.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
        synchronized (this) {
            if (open >= max) {
                return open + " connections open at this port (at most " + max + ")";
            }
            if (from != null) {
                int fromThere = perAddress.getOrDefault(from, 0);
                if (fromThere >= maxPerAddress) {
                    return fromThere + " connections open from this address (at most " + maxPerAddress + ")";
                }
                perAddress.put(from, fromThere + 1);
            }
            open++;
        }
        ch.closeFuture().addListener(f -> release(from));
        return null;
    }

    /** Connections open now. */
    synchronized int open() {
        return open;
    }

    private synchronized void release(InetAddress from) {
        open--;
        if (from != null) {
            perAddress.computeIfPresent(from, (address, n) -> n == 1 ? null : n - 1);
        }
    }
}
