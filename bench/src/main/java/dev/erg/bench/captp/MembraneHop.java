package dev.erg.bench.captp;

import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.vat.Caretaker;
import dev.erg.vat.Membrane;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a revocable reference costs per call: round trips over TLS to one counter reached
 * directly, through a caretaker and through a membrane (as a vat-server serves a sturdy ref
 * minted {@code --revocable}), in interleaved rounds, each call awaited before the next. Both
 * nodes run in this JVM, on loopback.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.erg.bench.captp.MembraneHop [rounds] [calls per round]}
 */
public final class MembraneHop {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private MembraneHop() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        SecureRandom random = new SecureRandom();
        try (VatRuntime serverRuntime = VatRuntime.create();
             VatRuntime clientRuntime = VatRuntime.create();
             Node server = Node.start(VatIdentity.generate(random), serverRuntime, NetConfig.defaults(),
                     PassableRegistry.empty());
             Node client = Node.start(VatIdentity.generate(random), clientRuntime, NetConfig.defaults(),
                     PassableRegistry.empty())) {
            server.listen(new InetSocketAddress("127.0.0.1", 0));
            Vat home = serverRuntime.newVat("counter");
            Counter direct = home.export(new CapTpPeer.Tally(0), Counter.class);
            Map<String, Counter> ways = new LinkedHashMap<>();
            ways.put("direct", direct);
            ways.put("caretaker", Caretaker.of(serverRuntime, "caretaker", direct, Counter.class).reference());
            ways.put("membrane", Membrane.in(serverRuntime, "membrane").wrap(direct, Counter.class));

            Map<String, Counter> remote = new LinkedHashMap<>();
            for (Map.Entry<String, Counter> way : ways.entrySet()) {
                remote.put(way.getKey(), client.connect(server.sturdyRef(way.getValue(), null), Counter.class).join(TIMEOUT));
            }
            Map<String, List<long[]>> perRound = new LinkedHashMap<>();
            remote.keySet().forEach(name -> perRound.put(name, new ArrayList<>()));
            for (int round = 0; round <= rounds; round++) {
                for (Map.Entry<String, Counter> way : remote.entrySet()) {
                    long[] nanos = roundTrips(way.getValue(), calls);
                    if (round > 0) {
                        perRound.get(way.getKey()).add(nanos);
                    }
                }
            }
            long directP50 = median(perRound.get("direct"), 0.50);
            System.out.printf("%d rounds after one of warm-up, %d calls each, one outstanding%n", rounds, calls);
            System.out.println("| reached | RTT p50 | RTT p99 | p50 ÷ direct |");
            System.out.println("|---|---:|---:|---:|");
            for (Map.Entry<String, List<long[]>> way : perRound.entrySet()) {
                long p50 = median(way.getValue(), 0.50);
                long p99 = median(way.getValue(), 0.99);
                System.out.printf("| %s | %d µs | %d µs | %.2f |%n", way.getKey(), p50 / 1_000, p99 / 1_000,
                        (double) p50 / directP50);
            }
        }
    }

    private static long[] roundTrips(Counter counter, int calls) {
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            counter.increment(1).join(TIMEOUT);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** The median over rounds of each round's {@code quantile}. */
    private static long median(List<long[]> rounds, double quantile) {
        long[] values = rounds.stream().mapToLong(r -> r[(int) Math.min(r.length - 1, Math.floor(quantile * r.length))])
                .sorted().toArray();
        return values[values.length / 2];
    }
}
