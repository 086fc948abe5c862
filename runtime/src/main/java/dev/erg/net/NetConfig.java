package dev.erg.net;

import dev.erg.crypto.TlsProvider;
import dev.erg.wire.WireLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Node}'s connections talk to their peers.
 *
 * @param limits           bounds on every frame and value a peer sends
 * @param tlsProvider      the TLS implementation; both speak TLS 1.3 with Ed25519 keys
 * @param handshakeTimeout how long a new connection may take to finish TLS and start-session
 * @param ioThreads        threads that read, decode and write for all connections of a node or
 *                         listener with threads of its own (nodes on shared {@link IoThreads}
 *                         use those)
 * @param heartbeat        how long a session may be silent before a keep-alive is sent; after
 *                         three times this with nothing heard, the peer is taken to be gone
 *                         and the session is closed. Zero turns heartbeats off.
 * @param admission        what a listening port admits from peers not yet trusted
 */
public record NetConfig(WireLimits limits, TlsProvider tlsProvider, Duration handshakeTimeout, int ioThreads,
                        Duration heartbeat, Admission admission) {

    /** Checks every setting. */
    public NetConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tlsProvider, "tlsProvider");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout: " + handshakeTimeout + " (expected: > 0)");
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 1)");
        }
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.isNegative()) {
            throw new IllegalArgumentException("heartbeat: " + heartbeat + " (expected: >= 0)");
        }
        Objects.requireNonNull(admission, "admission");
    }

    /**
     * Default limits, the JDK's TLS (in {@code bench/RESULTS.md} it moved about 45% more
     * messages per second than Bouncy Castle's, with handshakes as fast), a 10 second
     * handshake timeout, one I/O thread, and a 5 second heartbeat (a silent peer is taken to be
     * gone after 15 seconds), and {@link Admission#DEFAULTS}.
     */
    public static NetConfig defaults() {
        return new NetConfig(WireLimits.defaults(), TlsProvider.JDK, Duration.ofSeconds(10), 1, Duration.ofSeconds(5),
                Admission.DEFAULTS);
    }

    /** This configuration with other limits. */
    public NetConfig withLimits(WireLimits limits) {
        return new NetConfig(limits, tlsProvider, handshakeTimeout, ioThreads, heartbeat, admission);
    }

    /** This configuration with another TLS provider. */
    public NetConfig withTlsProvider(TlsProvider provider) {
        return new NetConfig(limits, provider, handshakeTimeout, ioThreads, heartbeat, admission);
    }

    /** This configuration with another handshake timeout. */
    public NetConfig withHandshakeTimeout(Duration timeout) {
        return new NetConfig(limits, tlsProvider, timeout, ioThreads, heartbeat, admission);
    }

    /** This configuration with another heartbeat; zero turns heartbeats off. */
    public NetConfig withHeartbeat(Duration interval) {
        return new NetConfig(limits, tlsProvider, handshakeTimeout, ioThreads, interval, admission);
    }

    /** This configuration with another number of I/O threads. */
    public NetConfig withIoThreads(int threads) {
        return new NetConfig(limits, tlsProvider, handshakeTimeout, threads, heartbeat, admission);
    }

    /** This configuration with other admission bounds. */
    public NetConfig withAdmission(Admission bounds) {
        return new NetConfig(limits, tlsProvider, handshakeTimeout, ioThreads, heartbeat, bounds);
    }
}
