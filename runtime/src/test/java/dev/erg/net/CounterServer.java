package dev.erg.net;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatIdentity;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A separate JVM for {@link CrossProcessNodeTest}: serves a {@link NodeTest.Counter} behind a
 * sturdy ref, prints {@code READY <sturdy ref>}, and exits when its stdin closes.
 */
public final class CounterServer {

    private CounterServer() {
    }

    public static void main(String[] args) throws Exception {
        try (VatRuntime runtime = VatRuntime.create();
             Node node = Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(),
                     PassableRegistry.empty())) {
            node.listen(new InetSocketAddress("127.0.0.1", 0));
            Vat vat = runtime.newVat("counter");
            SturdyRef ref = node.sturdyRef(vat.export(new NodeTest.Tally(), NodeTest.Counter.class), null);
            System.out.println("READY " + ref);
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // Runs until the test closes stdin.
            }
        }
    }
}
