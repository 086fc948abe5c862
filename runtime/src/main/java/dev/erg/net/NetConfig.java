package dev.erg.net;

import dev.erg.crypto.TlsProvider;
import dev.erg.wire.WireLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Transport} talks to its peers.
 *
 * @param limits           bounds on every frame and value a peer sends
 * @param tlsProvider      the TLS implementation; both speak TLS 1.3 with Ed25519 keys
 * @param handshakeTimeout how long a new connection may take to finish TLS and start-session
 * @param ioThreads        threads that read, decode and write for all connections
 */
public record NetConfig(WireLimits limits, TlsProvider tlsProvider, Duration handshakeTimeout, int ioThreads) {

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
    }

    /**
     * Default limits, the JDK's TLS (in {@code bench/RESULTS.md} it moved about 45% more
     * messages per second than Bouncy Castle's, with handshakes as fast), a 10 second
     * handshake timeout and one I/O thread.
     */
    public static NetConfig defaults() {
        return new NetConfig(WireLimits.defaults(), TlsProvider.JDK, Duration.ofSeconds(10), 1);
    }

    /** This configuration with other limits. */
    public NetConfig withLimits(WireLimits limits) {
        return new NetConfig(limits, tlsProvider, handshakeTimeout, ioThreads);
    }

    /** This configuration with another TLS provider. */
    public NetConfig withTlsProvider(TlsProvider provider) {
        return new NetConfig(limits, provider, handshakeTimeout, ioThreads);
    }

    /** This configuration with another handshake timeout. */
    public NetConfig withHandshakeTimeout(Duration timeout) {
        return new NetConfig(limits, tlsProvider, timeout, ioThreads);
    }

    /** This configuration with another number of I/O threads. */
    public NetConfig withIoThreads(int threads) {
        return new NetConfig(limits, tlsProvider, handshakeTimeout, threads);
    }
}
