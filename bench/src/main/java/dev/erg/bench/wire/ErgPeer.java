package dev.erg.bench.wire;

import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.net.InetSocketAddress;
import java.security.SecureRandom;

/**
 * The server of the Erg row, run as its own process: a {@link Node} with a fresh identity and
 * the defaults, listening on loopback, serving one {@link WireEcho} in a vat of its own (one
 * vat thread per processor). It prints {@code READY <sturdy-ref-uri>} and exits when its stdin
 * closes.
 *
 * <p>Usage: {@code ErgPeer}
 */
public final class ErgPeer {

    private ErgPeer() {
    }

    /** Answers each payload; {@link #next()} makes a new one, exported when its answer is sent. */
    static final class Repeater implements WireEcho {
        @Override
        public Promise<byte[]> echo(byte[] payload) {
            return Promise.of(payload);
        }

        @Override
        public Promise<WireEcho> next() {
            return Promise.of(new Repeater());
        }
    }

    public static void main(String[] args) throws Exception {
        try (VatRuntime runtime = VatRuntime.builder().threads(Runtime.getRuntime().availableProcessors()).build();
             Node node = Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(),
                     PassableRegistry.empty())) {
            node.listen(new InetSocketAddress("127.0.0.1", 0));
            Vat vat = runtime.newVat("echo");
            PeerMain.serveUntilStdinCloses(node.sturdyRef(vat.export(new Repeater(), WireEcho.class), null).toString());
        }
    }
}
