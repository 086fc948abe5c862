package dev.erg.bench.captp;

import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The serving end of {@link CapTpBench}, run as its own process: a {@link Node} with a fresh
 * identity listening on loopback, serving one {@link Counter} in a vat of its own. It prints
 * {@code READY <sturdy-ref-uri>}; then, for each {@code heap} line on stdin, it collects
 * garbage and prints {@code HEAP <bytes used>}; it exits when its stdin closes.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.erg.bench.captp.CapTpPeer [vat threads]}
 */
public final class CapTpPeer {

    private CapTpPeer() {
    }

    /** The counter served; {@link #next()} makes a new one, exported when its answer is sent. */
    static final class Tally implements Counter {
        private long count;

        Tally(long count) {
            this.count = count;
        }

        @Override
        public Promise<Long> increment(long by) {
            count += by;
            return Promise.of(count);
        }

        @Override
        public Promise<Counter> next() {
            return Promise.of(new Tally(count + 1));
        }

        @Override
        public Promise<Long> value() {
            return Promise.of(count);
        }
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        try (VatRuntime runtime = VatRuntime.builder().threads(threads).build();
             Node node = Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(),
                     PassableRegistry.empty())) {
            node.listen(new InetSocketAddress("127.0.0.1", 0));
            Vat vat = runtime.newVat("counter");
            System.out.println("READY " + node.sturdyRef(vat.export(new Tally(0), Counter.class), null));
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("heap")) {
                    System.out.println("HEAP " + CapTpBench.usedHeapAfterGc());
                    System.out.flush();
                }
            }
        }
    }
}
