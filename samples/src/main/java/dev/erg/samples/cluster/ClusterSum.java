package dev.erg.samples.cluster;

import dev.erg.captp.SturdyRef;
import dev.erg.samples.launch.Peer;
import dev.erg.samples.launch.ServerProcess;
import dev.erg.samples.launch.Workspace;
import dev.erg.server.admin.Admin;
import dev.erg.server.admin.AdminProtocol;
import dev.erg.server.admin.VatPlacement;
import dev.erg.server.config.SetupException;
import dev.erg.server.durable.PostgresCluster;
import dev.erg.server.store.DataDir;
import dev.erg.vat.VatRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A computation spread over a cluster that loses a server in the middle. Three vat-servers
 * share one PostgreSQL (a private one, started for the run) as members of one cluster; six
 * placed vats, two on each server, each keep a durable {@link Tally}. The sum of the squares of
 * 1 to N is cut into parts, dealt to the tallies in turn, one caller per tally sending its
 * parts one after another. Once a third of the parts are in, one server is killed with
 * SIGKILL. Its callers' calls break; they send them again through the same sturdy refs, which
 * reach nothing until the dead server's lease runs out and the live members take its vats from
 * the shared store, then reach the vats where they were resumed. A part whose answer was lost
 * with the server is sent again and added once, since the tallies keep their parts by name.
 * At the end the tallies' totals add up to the closed form N(N+1)(2N+1)/6.
 *
 * <p>Run it: {@code samples/run cluster}
 */
public final class ClusterSum {

    static final int SERVERS = 3;
    static final int TALLIES_PER_SERVER = 2;

    private ClusterSum() {
    }

    public static void main(String[] args) throws Exception {
        try (Workspace workspace = Workspace.create("erg-cluster")) {
            run(System.out, workspace.path(), 300_000, 60);
        }
    }

    /** The sum of the squares of 1 to {@code n}, in closed form. */
    static long closedForm(long n) {
        return Math.multiplyExact(Math.multiplyExact(n, n + 1), 2 * n + 1) / 6;
    }

    /**
     * Runs the story with everything under {@code dir}, summing the squares of 1 to {@code n}
     * in {@code partCount} parts, printing each step to {@code out}.
     */
    public static ClusterSumReport run(PrintStream out, Path dir, long n, int partCount)
            throws IOException, InterruptedException {
        try (PostgresCluster postgres = PostgresCluster.start(dir.resolve("postgres"))) {
            out.println("PostgreSQL runs at " + postgres.jdbcUrl() + ": the cluster's membership, directory and"
                    + " durable state");
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            Path keyFile = dir.resolve("cluster-key");
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(raw));
            String cluster = """
                    cluster.store = %s
                    cluster.user = %s
                    cluster.password = %s
                    cluster.key.file = %s
                    cluster.heartbeat = 500ms
                    cluster.lease = 3s
                    """.formatted(postgres.jdbcUrl(), postgres.user(), postgres.password(), keyFile);
            List<ServerProcess> servers = new ArrayList<>();
            try (VatRuntime runtime = VatRuntime.create();
                 Peer operator = Peer.start(runtime, AdminProtocol.PASSABLES);
                 Peer client = Peer.start(runtime, List.of())) {
                for (int i = 0; i < SERVERS; i++) {
                    servers.add(ServerProcess.start("server-" + i, dir.resolve("server-" + i), "tally", "tally", cluster));
                }
                List<String> ids = new ArrayList<>();
                for (ServerProcess server : servers) {
                    ids.add(serverId(server));
                }
                out.println(SERVERS + " vat-servers are members of the cluster: " + String.join(", ", ids.stream()
                        .map(ClusterSum::shortId).toList()));
                Admin admin = operator.connect(adminRef(servers.getFirst()), Admin.class);
                List<SturdyRef> tallies = new ArrayList<>();
                List<String> hosts = new ArrayList<>();
                for (int t = 0; t < SERVERS * TALLIES_PER_SERVER; t++) {
                    String host = ids.get(t % SERVERS);
                    tallies.add(SturdyRef.parse(Peer.await(admin.place("tally", host))));
                    hosts.add(host);
                }
                out.println("The operator places " + tallies.size() + " tallies, " + TALLIES_PER_SERVER
                        + " on each server (`vat-server cluster spawn tally --on SERVER`)");

                ServerProcess victim = servers.get(1);
                String killedId = ids.get(1);
                AtomicInteger done = new AtomicInteger();
                AtomicLong sentAgain = new AtomicLong();
                CountDownLatch third = new CountDownLatch(partCount / 3);
                AtomicReference<Throwable> failure = new AtomicReference<>();
                List<Thread> callers = new ArrayList<>();
                for (int t = 0; t < tallies.size(); t++) {
                    int tally = t;
                    callers.add(Thread.ofPlatform().name("tally-" + t).start(() -> {
                        try {
                            Tally ref = null;
                            for (int part = tally; part < partCount; part += tallies.size()) {
                                long from = 1 + n * part / partCount;
                                long to = 1 + n * (part + 1) / partCount;
                                while (true) {
                                    try {
                                        if (ref == null) {
                                            ref = client.connect(tallies.get(tally), Tally.class);
                                        }
                                        Peer.await(ref.add("part-" + part, from, to));
                                        break;
                                    } catch (RuntimeException e) {
                                        ref = null;
                                        sentAgain.incrementAndGet();
                                        Thread.sleep(100);
                                    }
                                }
                                done.incrementAndGet();
                                third.countDown();
                            }
                        } catch (InterruptedException | RuntimeException e) {
                            failure.compareAndSet(null, e);
                        }
                    }));
                }
                third.await();
                out.println(done.get() + " of " + partCount + " parts are in; server " + shortId(killedId)
                        + " is killed with SIGKILL");
                victim.kill();
                for (Thread caller : callers) {
                    caller.join(Duration.ofMinutes(5));
                }
                if (failure.get() != null) {
                    throw new IllegalStateException("a caller gave up: " + failure.get(), failure.get());
                }
                out.println("All " + partCount + " parts are in; " + sentAgain.get()
                        + " calls broke and were sent again, while the killed server's vats were taken over");

                List<VatPlacement> placed = Peer.await(admin.cluster()).vats();
                List<String> stranded = new ArrayList<>();
                List<String> resumedOn = new ArrayList<>();
                long computed = 0;
                int parts = 0;
                for (int t = 0; t < tallies.size(); t++) {
                    String vat = tallies.get(t).vatId().toString();
                    SturdyRef ref = tallies.get(t);
                    long total = patiently(() -> Peer.await(client.connect(ref, Tally.class).total()));
                    int held = patiently(() -> Peer.await(client.connect(ref, Tally.class).parts()));
                    computed = Math.addExact(computed, total);
                    parts += held;
                    String now = placed.stream().filter(v -> v.vatId().equals(vat)).map(VatPlacement::serverId)
                            .findFirst().orElse("?");
                    if (hosts.get(t).equals(killedId)) {
                        stranded.add(vat);
                        resumedOn.add(now);
                    }
                    out.println("  tally " + shortId(vat) + ": " + held + " parts, total " + total + ", placed first on "
                            + shortId(hosts.get(t)) + ", now on " + shortId(now));
                }
                long expected = closedForm(n);
                out.println("The sum of the squares of 1 to " + n + ": " + computed + " from the tallies, "
                        + expected + " in closed form: " + (computed == expected ? "equal" : "DIFFERENT"));
                for (ServerProcess server : servers) {
                    if (server != victim) {
                        server.stop();
                    }
                }
                return new ClusterSumReport(expected, computed, parts, partCount, stranded, resumedOn, killedId,
                        sentAgain.get());
            } finally {
                servers.forEach(ServerProcess::close);
            }
        }
    }

    /**
     * What {@code read} answers, read again after a pause while it breaks, for up to a minute: a
     * tally of the killed server answers again once a live member has taken it over.
     */
    private static <T> T patiently(Supplier<T> read) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                return read.get();
            } catch (RuntimeException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static String shortId(String vatId) {
        return vatId.length() > 8 ? vatId.substring(0, 8) : vatId;
    }

    private static String serverId(ServerProcess server) throws IOException {
        try {
            return DataDir.open(server.dataDir()).vatId().toString();
        } catch (SetupException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static SturdyRef adminRef(ServerProcess server) throws IOException {
        try {
            return SturdyRef.parse(Files.readString(DataDir.open(server.dataDir()).adminRefFile()).strip());
        } catch (SetupException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
