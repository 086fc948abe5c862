package dev.erg.bench.cluster;

import dev.erg.captp.SturdyRef;
import dev.erg.server.VatServerMain;
import dev.erg.server.admin.Admin;
import dev.erg.server.admin.AdminProtocol;
import dev.erg.server.admin.VatPlacement;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.durable.PostgresCluster;
import dev.erg.server.services.Counter;
import dev.erg.server.store.DataDir;
import dev.erg.wire.PassableRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * {@value #SERVERS} {@code vat-server} processes on this machine, each in a network namespace of
 * its own where they can be made (else all on loopback), members of one cluster in a private
 * PostgreSQL (started by {@link PostgresCluster}), with {@code cluster.rebalance =
 * hot-spot} (or {@code agoric}) and a capacity of {@value #CAPACITY} turns/s each, near what this
 * machine gives them; {@value #VATS} placed {@code counter} vats, dealt to them in turn; and
 * {@value #CALLERS} caller threads of this process calling {@code increment(1)} on vats drawn
 * under a Zipf law (exponent {@value #ZIPF}), together at about the rate asked, each sending a
 * broken call again until it is answered. Every {@value #WINDOW_SECONDS} s it prints the
 * calls answered in the window per server as max/mean: by where the directory placed each vat
 * at the window's end, and by where it was first placed (what the same calls would have asked
 * of each server had no vat moved); and the moves made so far. At the end it checks that no
 * call was lost or applied twice (each vat's value is the number of calls answered for it) and
 * that each caller saw each vat's answers rise.
 *
 * <p>Usage: {@code ClusterRun [SECONDS] [CALLS_PER_SECOND] [REBALANCE]}, 90, 300 and
 * {@code hot-spot} by default.
 */
public final class ClusterRun {

    static final int SERVERS = 4;
    static final int VATS = 32;
    static final int CALLERS = 16;
    static final double ZIPF = 0.9;
    static final int WINDOW_SECONDS = 10;
    static final int CAPACITY = 100;

    private ClusterRun() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 90;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        String rebalance = args.length > 2 ? args[2] : "hot-spot";
        Path work = Files.createTempDirectory("erg-cluster-run");
        List<Process> servers = new ArrayList<>();
        NetNamespaces.Creation creation = NetNamespaces.create(SERVERS);
        Optional<NetNamespaces> hosts = creation.namespaces();
        System.out.println(hosts.isPresent()
                ? "servers in network namespaces of their own on " + NetNamespaces.network()
                : "servers on loopback (network namespaces unavailable: " + creation.whyNot() + ")");
        try (PostgresCluster postgres = hosts.isPresent()
                ? PostgresCluster.start(work.resolve("postgres"), NetNamespaces.bridgeAddress(), NetNamespaces.network())
                : PostgresCluster.start(work.resolve("postgres"))) {
            String jdbcUrl = hosts.isPresent() ? postgres.jdbcUrlAt(NetNamespaces.bridgeAddress()) : postgres.jdbcUrl();
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            Path keyFile = work.resolve("cluster-key");
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(raw));
            List<DataDir> dirs = new ArrayList<>();
            for (int i = 0; i < SERVERS; i++) {
                DataDir dir = DataDir.init(work.resolve("server-" + i), """
                        listen = %s:0
                        service.counter = counter
                        cluster.store = %s
                        cluster.user = %s
                        cluster.password = %s
                        cluster.key.file = %s
                        cluster.heartbeat = 1s
                        cluster.lease = 5s
                        cluster.rebalance = %s
                        cluster.capacity = %d
                        """.formatted(hosts.isPresent() ? NetNamespaces.hostAddress(i) : "127.0.0.1", jdbcUrl,
                        postgres.user(), postgres.password(), keyFile, rebalance,
                        CAPACITY), null);
                dirs.add(dir);
                int host = i;
                servers.add(start(dir, work.resolve("server-" + i + ".log"),
                        command -> hosts.map(h -> h.inHost(host, command)).orElse(command)));
            }
            PassableRegistry.Builder registry = PassableRegistry.builder();
            AdminProtocol.PASSABLES.forEach(registry::add);
            try (CapTpClient client = CapTpClient.start(registry.build(), Duration.ofSeconds(60))) {
                Admin admin = client.connect(SturdyRef.parse(Files.readString(dirs.getFirst().adminRefFile()).strip()),
                        Admin.class);
                List<SturdyRef> vats = new ArrayList<>();
                for (int v = 0; v < VATS; v++) {
                    String server = dirs.get(v % SERVERS).vatId().toString();
                    vats.add(SturdyRef.parse(client.await(admin.place("counter", server))));
                }
                for (SturdyRef vat : vats) {
                    awaitServed(client, vat);
                }
                run(client, admin, vats, seconds, rate);
            }
        } finally {
            servers.forEach(Process::destroy);
            for (Process p : servers) {
                p.waitFor();
            }
            hosts.ifPresent(NetNamespaces::close);
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Waits until the vat at {@code ref} answers, up to 5 minutes: its server starts it within a heartbeat or so. */
    private static void awaitServed(CapTpClient client, SturdyRef ref) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            try {
                client.await(client.connect(ref, Counter.class).value());
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Starts a vat-server on {@code dir}, its command line wrapped by {@code where} (to run it in a namespace). */
    private static Process start(DataDir dir, Path log, UnaryOperator<List<String>> where) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
        Process process = new ProcessBuilder(where.apply(List.of(java, "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                VatServerMain.class.getName(), "run", "--data", dir.root().toString())))
                .redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        if (out.readLine() == null) {
            throw new IOException("a vat-server exited before it served; see " + log);
        }
        Thread.ofPlatform().daemon().start(() -> out.lines().forEach(line -> { }));
        return process;
    }

    private static void run(CapTpClient client, Admin admin, List<SturdyRef> vats, int seconds, int rate)
            throws InterruptedException {
        double[] cumulative = new double[VATS];
        double sum = 0;
        for (int v = 0; v < VATS; v++) {
            sum += Math.pow(v + 1, -ZIPF);
            cumulative[v] = sum;
        }
        AtomicLongArray answered = new AtomicLongArray(VATS);
        AtomicLong retries = new AtomicLong();
        AtomicLong disorder = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long perCallNanos = 1_000_000_000L * CALLERS / rate;
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
            SplittableRandom random = new SplittableRandom(c);
            double total = sum;
            callers.add(Thread.ofPlatform().name("caller-" + c).start(() -> {
                Map<Integer, Counter> refs = new HashMap<>();
                long[] last = new long[VATS];
                long next = System.nanoTime();
                while (System.nanoTime() < end) {
                    double u = random.nextDouble() * total;
                    int v = 0;
                    while (cumulative[v] < u) {
                        v++;
                    }
                    while (true) {
                        try {
                            Counter counter = refs.computeIfAbsent(v, i -> client.connect(vats.get(i), Counter.class));
                            long value = client.await(counter.increment(1));
                            if (value <= last[v]) {
                                disorder.incrementAndGet();
                            }
                            last[v] = value;
                            answered.incrementAndGet(v);
                            break;
                        } catch (RuntimeException e) {
                            refs.remove(v);
                            retries.incrementAndGet();
                            sleep(20);
                        }
                    }
                    next += perCallNanos;
                    sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                }
            }));
        }
        long[] before = new long[VATS];
        int windows = seconds / WINDOW_SECONDS;
        System.out.printf("%-8s %8s %9s %9s %6s%n", "WINDOW", "CALLS/S", "MAX/MEAN", "UNMOVED", "MOVES");
        for (int w = 1; w <= windows; w++) {
            Thread.sleep(WINDOW_SECONDS * 1000L);
            List<VatPlacement> placed = client.await(admin.cluster()).vats();
            Map<String, Long> perServer = new HashMap<>();
            Map<String, Long> unmoved = new HashMap<>();
            long calls = 0;
            int moves = 0;
            for (int v = 0; v < VATS; v++) {
                long now = answered.get(v);
                String id = vats.get(v).vatId().toString();
                VatPlacement p = placed.stream().filter(x -> x.vatId().equals(id)).findFirst().orElseThrow();
                perServer.merge(p.serverId(), now - before[v], Long::sum);
                unmoved.merge(Integer.toString(v % SERVERS), now - before[v], Long::sum);
                calls += now - before[v];
                before[v] = now;
                moves += (int) (p.epoch() - 1);
            }
            double mean = (double) calls / SERVERS;
            double max = perServer.values().stream().mapToLong(Long::longValue).max().orElse(0);
            double maxUnmoved = unmoved.values().stream().mapToLong(Long::longValue).max().orElse(0);
            System.out.printf(Locale.ROOT, "%4d-%-3d %8.0f %9.2f %9.2f %6d%n", (w - 1) * WINDOW_SECONDS, w * WINDOW_SECONDS,
                    (double) calls / WINDOW_SECONDS, max / mean, maxUnmoved / mean, moves);
        }
        for (Thread t : callers) {
            t.join();
        }
        long lost = 0;
        long total = 0;
        for (int v = 0; v < VATS; v++) {
            long value = client.await(client.connect(vats.get(v), Counter.class).value());
            lost += Math.abs(value - answered.get(v));
            total += answered.get(v);
        }
        System.out.printf(Locale.ROOT, "%d calls answered, %d sent again after breaking; %d lost or applied twice,"
                + " %d answered out of order%n", total, retries.get(), lost, disorder.get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
