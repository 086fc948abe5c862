package dev.erg.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.durable.Letter;
import dev.erg.server.durable.LetterCodec;
import dev.erg.server.durable.Mailbox;
import dev.erg.server.durable.PostgresCluster;
import dev.erg.server.durable.Receipt;
import dev.erg.server.store.DataDir;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.wire.PassableRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client drives durable counters and transfers between accounts (a {@link Ledger}) on a
 * vat-server that is killed with SIGKILL at random instants, {@value #KILLS} times, and
 * restarted on the same port and data directory each time. At the end every operation sent was
 * acknowledged once and applied once: each receipt answers what the operations before it, each
 * applied once and in order, make it answer; the ledger holds exactly the acknowledged
 * operations; the balances add up; and all of it survives a clean restart.
 *
 * <p>The client sends each operation as a {@link Letter} of its own stream to the server's
 * {@link Mailbox}, up to {@value #WINDOW} at a time so that kills land amid commits, and sends
 * every letter not yet acknowledged again, under the same number, until its receipt comes. A
 * letter sent again carries the same target, method and argument bytes; its ackedThrough and
 * receiverGeneration are the client's current ones, as the server's own outbox sends them.
 * Its ackedThrough lags its receipts by {@value #LAG}, so the server keeps the last receipts,
 * and after each reconnection the client asks for those again and checks they are the same.
 *
 * <p>The operations, the kill instants and the server's {@code commit.batch} come from a seed
 * printed with any failure; the system property {@code erg.crash.seed} sets it.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DurableCrashTest {

    private static final int KILLS = 22;
    private static final int WINDOW = 64;
    private static final int LAG = 16;
    private static final String FROM = "crash-test-client";
    /** The client never restarts: one start, one incarnation. */
    private static final String INCARNATION = "c0ffee00c0ffee00c0ffee00c0ffee00";
    private static final List<String> ACCOUNTS = LedgerMaker.INITIAL_BALANCES.keySet().stream().sorted().toList();
    private static final List<String> COUNTERS = List.of("red", "green", "blue", "white");
    /** Larger than all the money there is: always refused. */
    private static final long TOO_MUCH = 1_000_000;
    /** Why a delivery may break when the server dies: the letter is then sent again. */
    private static final Set<String> LOST = Set.of(Problem.UNAVAILABLE, CapTpClient.TIMEOUT);

    /** One operation, with its arguments encoded as its letter carries them. */
    private sealed interface Op {
        String method();

        byte[] arguments();
    }

    private record Increment(String counter, long by, byte[] arguments) implements Op {
        Increment(String counter, long by) {
            this(counter, by, LetterCodec.arguments(counter, by));
        }

        @Override
        public String method() {
            return "increment";
        }
    }

    private record Transfer(String from, String to, long amount, byte[] arguments) implements Op {
        Transfer(String from, String to, long amount) {
            this(from, to, amount, LetterCodec.arguments(from, to, amount));
        }

        @Override
        public String method() {
            return "transfer";
        }
    }

    /** A letter sent and the promise of its receipt. */
    private record Sent(long seq, Promise<Receipt> receipt) {
    }

    @TempDir
    Path tmp;

    private final long seed = Long.getLong("erg.crash.seed", new SecureRandom().nextLong());
    private final Random opRandom = new Random(seed);
    private final Random killRandom = new Random(~seed);
    /** Turns committed together at most: each alone, a few, or as many as come. */
    private final int commitBatch = List.of(1, 32, 256).get((int) Math.floorMod(seed, 3L));
    private final String stream = HexFormat.of().formatHex(randomBytes(16));
    private Path data;
    private String serviceRef;
    private String swiss;

    // The killer's: the server now running, and what happened.
    private final AtomicReference<ServerProcess> current = new AtomicReference<>();
    private final AtomicReference<Throwable> killerFailure = new AtomicReference<>();
    private volatile boolean killerDone;
    private Thread killerThread;
    private volatile int starts;
    /** The start the client last reached the server of. */
    private volatile int reachedStart;
    private volatile long launched;
    private int killedDuringStart;
    private final List<Long> startMillis = new ArrayList<>();

    // The client's: operations in sequence order (seq = index + 1) and their receipts.
    private final List<Op> ops = new ArrayList<>();
    private final List<Receipt> receipts = new ArrayList<>();
    private long maxGeneration;
    private int reconnections;
    private int askedAgain;

    @Test
    void sqlite() throws Exception {
        crashAndCheck("sqlite", "");
    }

    @Test
    void postgres() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start(tmp.resolve("postgres"))) {
            crashAndCheck("postgres", "storage = " + cluster.jdbcUrl() + "\nstorage.user = " + cluster.user()
                    + "\nstorage.password = " + cluster.password() + "\n");
        }
    }

    private void crashAndCheck(String store, String storageLines) throws Exception {
        long began = System.nanoTime();
        try {
            run(storageLines);
        } catch (Throwable e) {
            throw new AssertionError(store + ", commit.batch " + commitBatch + ", seed " + seed + " (-Derg.crash.seed="
                    + seed + " repeats its operations and kill delays), after " + starts + " starts and " + ops.size()
                    + " letters: " + e, e);
        } finally {
            if (killerThread != null) {
                killerThread.interrupt();
                killerThread.join();
            }
            ServerProcess last = current.get();
            if (last != null) {
                last.close();
            }
        }
        Map<Long, Long> byGeneration = new TreeMap<>();
        receipts.forEach(r -> byGeneration.merge(r.generation(), 1L, Long::sum));
        System.out.printf("%s, seed %d, commit.batch %d: %d kills (%d before the server was ready), %d letters,"
                        + " %d reconnections, %d receipts asked for again, letters consumed by generation %s,"
                        + " starts took %s ms, %.1f s%n",
                store, seed, commitBatch, KILLS, killedDuringStart, ops.size(), reconnections, askedAgain, byGeneration,
                startMillis, (System.nanoTime() - began) / 1e9);
    }

    private void run(String storageLines) throws Exception {
        data = tmp.resolve("data");
        DataDir.init(data, "listen = 127.0.0.1:" + FreePort.pick() + "\nservice.ledger = ledger\ncommit.batch = "
                + commitBatch + "\n" + storageLines, null);
        ServerProcess first = start();
        current.set(first);
        serviceRef = first.line(0);
        SturdyRef ref = SturdyRef.parse(serviceRef);
        swiss = ref.swiss().text();
        SturdyRef mailboxRef = Mailbox.of(ref);
        PassableRegistry.Builder registry = PassableRegistry.builder().add(LedgerSnapshot.class);
        Mailbox.PASSABLES.forEach(registry::add);
        try (CapTpClient client = CapTpClient.start(registry.build(), Duration.ofSeconds(10))) {
            killerThread = Thread.ofPlatform().name("killer").start(this::killer);
            drive(client, mailboxRef);
            killerThread.join();
            rethrowKillerFailure();

            LedgerSnapshot snapshot = client.await(connect(client, ref, Ledger.class).snapshot());
            check(snapshot);

            assertThat(current.get().terminate()).as("exit status after SIGTERM").isZero();
            ServerProcess fresh = start();
            current.set(fresh);
            assertThat(fresh.line(0)).as("the service's sturdy ref after a clean restart").isEqualTo(serviceRef);
            Ledger ledger = connect(client, ref, Ledger.class);
            assertThat(client.await(ledger.snapshot())).as("after a clean restart").isEqualTo(snapshot);
            int before = askedAgain;
            askAgain(client, connect(client, mailboxRef, Mailbox.class));
            assertThat(askedAgain - before).as("receipts asked for again after the clean restart").isEqualTo(LAG);
            assertThat(client.await(ledger.snapshot())).as("after letters were delivered again").isEqualTo(snapshot);
            assertThat(fresh.terminate()).as("exit status after SIGTERM").isZero();
        }
    }

    /** Kills the server {@value #KILLS} times, each at a random instant, and starts it again. */
    private void killer() {
        try {
            for (int k = 0; k < KILLS; k++) {
                ServerProcess server = current.get();
                if (killRandom.nextInt(5) == 0) {
                    // Any instant of its start, or just after.
                    killedDuringStart++;
                    Thread.sleep(killRandom.nextInt(1_500));
                } else {
                    assertThat(server.line(0)).as("sturdy ref of start %d", starts).isEqualTo(serviceRef);
                    startMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched));
                    awaitClient();
                    Thread.sleep(100 + killRandom.nextInt(700));
                }
                int status = server.kill();
                assertThat(status).as("exit status of start %d, killed; %s", starts, server.describe())
                        .isEqualTo(ServerProcess.KILLED);
                current.set(start());
            }
        } catch (Throwable e) {
            killerFailure.set(e);
        } finally {
            killerDone = true;
        }
    }

    /**
     * Waits, up to a minute, until the client has reached the server of this start. A server
     * lets dialers in only once it serves its sturdy refs, so on a loaded machine the client's first
     * handshake may take longer than the instants it would otherwise be killed at.
     */
    private void awaitClient() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (reachedStart < starts && !finished() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private ServerProcess start() throws IOException {
        starts++;
        launched = System.nanoTime();
        Path dir = Files.createDirectories(tmp.resolve("start-" + starts));
        return ServerProcess.start(dir, "run", "--data", data.toString());
    }

    /**
     * Sends operations until the killer is done, then until every one is acknowledged;
     * connects again whenever the server dies, sending again what was not acknowledged.
     */
    private void drive(CapTpClient client, SturdyRef mailboxRef) {
        while (!finished()) {
            Mailbox mailbox = connect(client, mailboxRef, Mailbox.class);
            reachedStart = starts;
            try {
                askAgain(client, mailbox);
                ArrayDeque<Sent> inFlight = new ArrayDeque<>();
                long next = acked() + 1;
                while (!finished()) {
                    while (next - acked() <= WINDOW && (next <= ops.size() || !killerDone)) {
                        if (next > ops.size()) {
                            ops.add(nextOp());
                        }
                        inFlight.add(new Sent(next, mailbox.deliver(letter(next))));
                        next++;
                    }
                    Sent head = inFlight.remove();
                    accept(head.seq(), client.await(head.receipt()));
                }
            } catch (ProblemException e) {
                if (!LOST.contains(e.problem().kind())) {
                    throw new AssertionError("a letter was refused: " + e.problem(), e);
                }
                reconnections++;
            }
        }
    }

    private boolean finished() {
        return killerDone && acked() == ops.size();
    }

    private long acked() {
        return receipts.size();
    }

    private Op nextOp() {
        if (opRandom.nextBoolean()) {
            return new Increment(COUNTERS.get(opRandom.nextInt(COUNTERS.size())), 1 + opRandom.nextInt(100));
        }
        int from = opRandom.nextInt(ACCOUNTS.size());
        int to = (from + 1 + opRandom.nextInt(ACCOUNTS.size() - 1)) % ACCOUNTS.size();
        long amount = opRandom.nextInt(10) == 0 ? TOO_MUCH : 1 + opRandom.nextInt(600);
        return new Transfer(ACCOUNTS.get(from), ACCOUNTS.get(to), amount);
    }

    /** Letter {@code seq}, with what the client knows now of the receipts. */
    private Letter letter(long seq) {
        Op op = ops.get((int) seq - 1);
        return new Letter(stream, FROM, 1, INCARNATION, maxGeneration, seq, ackedThrough(), swiss, op.method(), op.arguments());
    }

    /** The receipts the client has confirmed: all but the last {@value #LAG}. */
    private long ackedThrough() {
        return Math.max(0, acked() - LAG);
    }

    private void accept(long seq, Receipt receipt) {
        assertThat(receipt.stream()).isEqualTo(stream);
        assertThat(receipt.seq()).as("receipt for letter %d", seq).isEqualTo(seq);
        receipts.add(receipt);
        maxGeneration = Math.max(maxGeneration, receipt.generation());
    }

    /**
     * Delivers again the acknowledged letters whose receipts the server keeps, and checks each
     * gets the receipt it got the first time: the same answer, from the same generation.
     */
    private void askAgain(CapTpClient client, Mailbox mailbox) {
        List<Sent> again = new ArrayList<>();
        for (long seq = ackedThrough() + 1; seq <= acked(); seq++) {
            again.add(new Sent(seq, mailbox.deliver(letter(seq))));
        }
        for (Sent sent : again) {
            Receipt first = receipts.get((int) sent.seq() - 1);
            Receipt second = client.await(sent.receipt());
            assertThat(describe(second)).as("receipt for letter %d asked for again", sent.seq()).isEqualTo(describe(first));
            askedAgain++;
        }
    }

    private static String describe(Receipt receipt) {
        return "letter " + receipt.seq() + " of " + receipt.stream() + " consumed by generation " + receipt.generation()
                + ": answer " + HexFormat.of().formatHex(receipt.answer()) + ", problem " + receipt.problem();
    }

    /**
     * Replays the acknowledged operations in order on a model of the ledger: each receipt
     * must be what that operation answers there, and the ledger must hold what the model does.
     */
    private void check(LedgerSnapshot snapshot) {
        assertThat(receipts).as("one receipt per letter").hasSameSizeAs(ops);
        Map<String, Long> balances = new HashMap<>(LedgerMaker.INITIAL_BALANCES);
        Map<String, Long> counters = new HashMap<>();
        long refused = 0;
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            Receipt receipt = receipts.get(i);
            String what = "letter " + (i + 1) + ", " + op;
            switch (op) {
                case Increment increment -> answered(what, receipt, counters.merge(increment.counter(), increment.by(), Long::sum));
                case Transfer transfer -> {
                    long left = balances.get(transfer.from()) - transfer.amount();
                    if (left < 0) {
                        assertThat(receipt.problemKind()).as("%s: %s", what, receipt.problem()).isEqualTo(Ledger.INSUFFICIENT);
                        refused++;
                    } else {
                        balances.put(transfer.from(), left);
                        balances.merge(transfer.to(), transfer.amount(), Long::sum);
                        answered(what, receipt, left);
                    }
                }
            }
        }
        assertThat(refused).as("transfers refused").isPositive();
        assertThat(snapshot.balances()).as("balances").isEqualTo(balances);
        assertThat(snapshot.counters()).as("counters").isEqualTo(counters);
        assertThat(snapshot.applied()).as("operations applied").isEqualTo(receipts.size() - refused);
        assertThat(snapshot.balances().values().stream().mapToLong(Long::longValue).sum()).as("money in all accounts")
                .isEqualTo(LedgerMaker.INITIAL_BALANCES.values().stream().mapToLong(Long::longValue).sum());
    }

    private static void answered(String what, Receipt receipt, long expected) {
        assertThat(receipt.problem()).as(what).isNull();
        assertThat(LetterCodec.answer(receipt.answer(), Long.class)).as(what).isEqualTo(expected);
    }

    /** A live reference to what {@code ref} designates, trying for up to a minute while the server starts. */
    private <T> T connect(CapTpClient client, SturdyRef ref, Class<T> iface) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            rethrowKillerFailure();
            try {
                return client.connect(ref, iface);
            } catch (ProblemException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the server was out of reach for a minute: " + e.problem(), e);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private void rethrowKillerFailure() {
        Throwable failure = killerFailure.get();
        if (failure != null) {
            throw new AssertionError("killing and starting the server failed: " + failure, failure);
        }
    }


    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
