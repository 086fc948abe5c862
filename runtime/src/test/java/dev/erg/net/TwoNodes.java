package dev.erg.net;

import dev.erg.captp.SturdyRef;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.time.Duration;

/**
 * Two nodes of one runtime for tests that call across a TLS link on loopback: {@link #bob}
 * listens and serves, {@link #alice} dials him. Each node's identity comes from a seed.
 */
final class TwoNodes implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    final VatRuntime runtime = VatRuntime.create();
    final Node alice;
    final Node bob;

    TwoNodes(long aliceSeed, long bobSeed) throws Exception {
        alice = Node.start(Peers.identity(aliceSeed), runtime, NetConfig.defaults(), PassableRegistry.empty());
        bob = Node.start(Peers.identity(bobSeed), runtime, NetConfig.defaults(), PassableRegistry.empty());
        bob.listen(Peers.LOOPBACK_ANY_PORT);
    }

    /** Exports {@code object} from a new vat of bob's, and answers alice's reference to it, connected. */
    <T> T served(T object, Class<T> iface) {
        SturdyRef ref = bob.sturdyRef(runtime.newVat("bob").export(object, iface), null);
        return alice.connect(ref, iface).join(WAIT);
    }

    @Override
    public void close() {
        alice.close();
        bob.close();
        runtime.close();
    }
}
