package dev.erg.bench.durable;

import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.server.durable.DurableHost;
import dev.erg.server.durable.Storage;
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
 * The serving end of {@link DurableBench}'s calls over CapTP, run as its own process: a
 * {@link DurableHost} on the store it is given, holding N counters of {@link DurableBench#COUNTER}
 * as {@link DurableBench} makes them in its own process, served through a {@link Node} with a
 * fresh identity on loopback. It prints {@code READY <sturdy-ref-uri>} of a {@link Counters}
 * that hands out the counters; then, for each {@code counts} line on stdin, it prints
 * {@code COUNTS <turns> <commits>} from the host's own counts; it exits when its stdin closes.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.erg.bench.durable.DurablePeer JDBC-URL USER PASSWORD
 * MAX-BATCH COUNTERS} (user and password empty for SQLite).
 */
public final class DurablePeer {

    /** The counters a peer serves, by number. */
    public interface Counters {
        /** Counter {@code i}, from 0. */
        Promise<DurableBench.Counter> counter(int i);
    }

    private DurablePeer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: DurablePeer JDBC-URL USER PASSWORD MAX-BATCH COUNTERS");
            System.exit(2);
        }
        Storage storage = new Storage(args[0], args[1], args[2]);
        int maxBatch = Integer.parseInt(args[3]);
        int objects = Integer.parseInt(args[4]);
        VatIdentity identity = VatIdentity.generate(new SecureRandom());
        try (VatRuntime runtime = VatRuntime.builder().build();
             Node node = Node.start(identity, runtime, NetConfig.defaults(), PassableRegistry.empty());
             DurableHost durable = DurableHost.open(storage, identity.vatId(), maxBatch)) {
            node.listen(new InetSocketAddress("127.0.0.1", 0));
            Vat host = runtime.newVat("host");
            DurableBench.Counter[] counters = DurableBench.makeCounters(durable, host, objects);
            Counters served = i -> Promise.of(counters[i]); // a number out of range breaks the caller's promise
            System.out.println("READY " + node.sturdyRef(host.export(served, Counters.class), null));
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("counts")) {
                    System.out.println("COUNTS " + durable.turns() + " " + durable.commits());
                    System.out.flush();
                }
            }
            host.shutdown();
        }
    }
}
