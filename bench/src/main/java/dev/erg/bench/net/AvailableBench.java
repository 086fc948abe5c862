package dev.erg.bench.net;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.AvailabilityListener;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Time to {@code Available}: one node watches a vat served by another node in the same JVM,
 * over loopback TLS; the served node closes, stays away for a while, and comes back on the
 * same port. The figure is the time from its {@code listen} returning to the watch reporting
 * it, for each time away, over several rounds.
 *
 * <p>Usage: {@code AvailableBench [rounds] [away seconds...]} (default: 5 rounds of 0.5, 2, 8 and 20 s).
 */
public final class AvailableBench {

    /** What the watched vat serves. */
    public interface Echo {
        Promise<String> echo(String text);
    }

    private AvailableBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Double> aways = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            aways.add(Double.parseDouble(args[i]));
        }
        if (aways.isEmpty()) {
            aways = List.of(0.5, 2.0, 8.0, 20.0);
        }
        SecureRandom random = new SecureRandom();
        VatIdentity served = VatIdentity.generate(random);
        try (VatRuntime runtime = VatRuntime.create();
             Node watcher = Node.start(VatIdentity.generate(random), runtime, NetConfig.defaults(), PassableRegistry.empty())) {
            Vat echoes = runtime.newVat("echo");
            Object echo = echoes.export((Echo) Promise::of, Echo.class);
            Node server = Node.start(served, runtime, NetConfig.defaults(), PassableRegistry.empty());
            InetSocketAddress bound = server.listen(new InetSocketAddress("127.0.0.1", 0));
            SturdyRef ref = server.sturdyRef(echo, null);
            LinkedBlockingQueue<Long> available = new LinkedBlockingQueue<>();
            Vat listening = runtime.newVat("listener");
            AvailabilityListener listener = listening.export(() -> available.add(System.nanoTime()),
                    AvailabilityListener.class);
            try (Node.Watch watch = watcher.watch(ref, listener)) {
                take(available);
                System.out.printf(Locale.ROOT, "%-8s %8s %8s %8s%n", "away", "min", "median", "max");
                for (double away : aways) {
                    List<Double> millis = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        server.close();
                        Thread.sleep((long) (away * 1000));
                        available.clear();
                        server = Node.start(served, runtime, NetConfig.defaults(), PassableRegistry.empty());
                        server.listen(bound);
                        server.reinstate(ref, echo);
                        long back = System.nanoTime();
                        millis.add((take(available) - back) / 1e6);
                    }
                    millis.sort(null);
                    System.out.printf(Locale.ROOT, "%-8s %6.0fms %6.0fms %6.0fms%n", away + " s", millis.getFirst(),
                            millis.get(millis.size() / 2), millis.getLast());
                }
            } finally {
                server.close();
            }
        }
    }

    private static long take(LinkedBlockingQueue<Long> available) throws InterruptedException {
        Long at = available.poll(60, TimeUnit.SECONDS);
        if (at == null) {
            throw new IllegalStateException("no Available within 60 s");
        }
        return at;
    }
}
