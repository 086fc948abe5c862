package dev.erg.bench.stream;

import dev.erg.bench.wire.PeerMain;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.net.InetSocketAddress;
import java.security.SecureRandom;

/**
 * The reading end of {@link StreamCompare}'s Erg streams, run as its own process: a
 * {@link Node} with a fresh identity and the defaults, listening on loopback, serving a
 * {@link StreamSink} (one vat thread per processor, as {@code ErgPeer}). It prints
 * {@code READY <sturdy-ref-uri>}, answers {@code heap} on stdin, and exits when stdin closes.
 *
 * <p>Usage: {@code StreamPeer <most streams at once>}
 */
public final class StreamPeer {

    private StreamPeer() {
    }

    public static void main(String[] args) throws Exception {
        int maxSlots = Integer.parseInt(args[0]);
        GrownHeap.keep();
        try (VatRuntime runtime = VatRuntime.builder().threads(Runtime.getRuntime().availableProcessors()).build();
             Node node = Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(),
                     PassableRegistry.empty())) {
            node.listen(new InetSocketAddress("127.0.0.1", 0));
            Vat vat = runtime.newVat("sink");
            StreamSink sink = vat.export(new ReadingSink(runtime, maxSlots), StreamSink.class);
            PeerMain.serveUntilStdinCloses(node.sturdyRef(sink, null).toString());
        }
    }
}
