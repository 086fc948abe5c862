package dev.erg.bench.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls at the speed of the wire: the same {@value Payload#SIZE}-byte payload between two JVMs
 * on loopback over a raw Netty TLS echo ({@link NettyEchoSystem}), Erg CapTP
 * ({@link ErgSystem}), Apache Pekko Artery {@code tls-tcp} ({@link ArterySystem}) and gRPC-java
 * over TLS, unary ({@link GrpcUnarySystem}) and one bidirectional stream
 * ({@link GrpcStreamSystem}). Each system's server is a JVM of its own, all started at once and
 * kept for the run. A round measures every system in turn (round trips with one outstanding and
 * {@value WireSystem#CHAIN}-call chains, in alternating blocks; then answers per second with
 * {@value WireSystem#OUTSTANDING} outstanding); W rounds of warm-up, then N rounds, interleaved,
 * and the medians of the rounds are printed as Markdown, with each system's chain over its own
 * round trip (round by round, and of the medians) and Erg's ratios to the others. With
 * {@code --perf}, then, each system's round trips and throughput once more under
 * {@code perf stat}: context switches and system calls per round trip and per message, in each
 * process. With {@code --baseline=JAR}, one more
 * Erg row whose server runs from another build's jar (the client is this build), beside this
 * build's, to compare the two in the same run. Calls are sent by a plain thread that waits for
 * each answer, as a blocking client does; with {@code --from-answers}, by whatever receives the
 * answer before, as a service calling another does ({@link Sender}).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.erg.bench.wire.WireCompare [rounds] [--warm-up=W]
 * [--seconds=S] [--round-trips=K] [--chains=C] [--perf] [--baseline=JAR] [--from-answers]}
 */
public final class WireCompare {

    private WireCompare() {
    }

    public static void main(String[] args) {
        WireOptions options;
        try {
            options = WireOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(WireOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            compare(options, loadAverage());
        } catch (Exception e) {
            // A system that failed, or would not close, may leave threads that keep this JVM running.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void compare(WireOptions options, String loadBefore) throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        try (TlsFiles tls = TlsFiles.create()) {
            try {
                NettyEchoSystem echo = opened(open, new NettyEchoSystem(tls));
                ErgSystem erg = opened(open, new ErgSystem());
                ArterySystem pekko = opened(open, new ArterySystem(tls));
                GrpcChannel grpc = opened(open, new GrpcChannel(tls));
                GrpcUnarySystem unary = opened(open, new GrpcUnarySystem(grpc));
                GrpcStreamSystem stream = opened(open, new GrpcStreamSystem(grpc));
                List<WireSystem> systems = new ArrayList<>(List.of(echo, erg));
                if (options.baseline() != null) {
                    // Beside this build's row, so that the two alternate as closely as the rounds allow.
                    systems.add(opened(open, new ErgSystem("Erg CapTP (baseline server)", options.baseline())));
                }
                systems.addAll(List.of(pekko, unary, stream));
                Map<WireSystem, List<Round>> rounds = run(systems, options);
                print(erg, rounds, options, loadBefore);
                if (options.perf()) {
                    PerfPhase.run(systems, options);
                }
            } finally {
                closeAll(open);
            }
        }
    }

    /**
     * Closes each of {@code open}, last opened first, even when one fails (a system left open
     * keeps its server JVM and this one running); then throws the first failure.
     */
    static void closeAll(List<? extends AutoCloseable> open) throws Exception {
        Exception failed = null;
        for (AutoCloseable c : open.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static <T extends AutoCloseable> T opened(List<AutoCloseable> open, T resource) {
        open.add(resource);
        return resource;
    }

    private static Map<WireSystem, List<Round>> run(List<WireSystem> systems, WireOptions options) throws Exception {
        Map<WireSystem, List<Round>> rounds = new LinkedHashMap<>();
        systems.forEach(s -> rounds.put(s, new ArrayList<>()));
        for (int round = 1 - options.warmUps(); round <= options.rounds(); round++) {
            for (WireSystem system : systems) {
                Round measured = Round.measure(system, options);
                System.err.printf("%s %s: RTT p50 %s, %,.0f msg/s, chain %s%n",
                        round <= 0 ? "warm-up " + (round + options.warmUps()) : "round " + round, system.name(),
                        Report.time(measured.rttP50()), measured.perSecond(), Report.time(measured.chainP50()));
                if (round > 0) {
                    rounds.get(system).add(measured);
                }
            }
        }
        return rounds;
    }

    private static void print(WireSystem erg, Map<WireSystem, List<Round>> rounds, WireOptions options,
                              String loadBefore) throws IOException {
        System.out.printf("%d-byte payloads between two JVMs on loopback (JDK %s, %d cores), %d rounds after %d of "
                        + "warm-up, each system in turn in each round; medians of the rounds. Per round and system: "
                        + "%,d round trips, %d s at %,d outstanding, %,d chains; %s.%n",
                Payload.SIZE, Runtime.version(), Runtime.getRuntime().availableProcessors(), options.rounds(),
                options.warmUps(),
                options.roundTrips(), options.seconds(), WireSystem.OUTSTANDING, options.chains(),
                options.sender() == Sender.THREAD ? "each call sent by a plain thread that waits for its answer"
                        : "each call sent by whatever received the answer before (Erg: a client vat's when; "
                        + "the others: the thread the answer arrived on)");
        System.out.println("Load average (1, 5, 15 min) before: " + loadBefore + "; after: " + loadAverage());
        System.out.println();
        Report.table(rounds).forEach(System.out::println);
        System.out.println();
        Report.chainPerRoundTrip(rounds).forEach(System.out::println);
        System.out.println();
        Report.ratios(erg, rounds).forEach(System.out::println);
        System.out.println();
        Report.notes(rounds).forEach(System.out::println);
    }

    /** The load average over 1, 5 and 15 minutes, or "unknown". */
    public static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        if (!Files.isReadable(loadavg)) {
            return "unknown";
        }
        String[] fields = Files.readString(loadavg).trim().split(" +");
        return String.join(" ", Arrays.copyOf(fields, 3));
    }
}
