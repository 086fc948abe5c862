package dev.erg.samples.logship;

import dev.erg.samples.launch.Peer;
import dev.erg.samples.launch.ServerProcess;
import dev.erg.samples.launch.Workspace;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Shop Inc. ships its order log, as it is written, to Audit Ltd.'s archive, a vat-server of
 * another organization reached by a sturdy ref, as a stream of 64 KiB chunks that goes as fast
 * as the archive takes them. Mid-morning, Audit Ltd. restarts its server: the stream breaks
 * with {@code Unavailable}, and the shipment resumes from what the archive stored, so that at
 * the end of the day the archive's copy is byte for byte the log, nothing lost and nothing
 * twice.
 *
 * <p>Run it: {@code samples/run logship}
 */
public final class LogShipSample {

    private static final String LOG = "orders";
    private static final int MORNING = 120_000;
    private static final int DAY = Orders.DAY;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private LogShipSample() {
    }

    public static void main(String[] args) throws Exception {
        try (Workspace workspace = Workspace.create("erg-logship")) {
            run(System.out, workspace.path());
        }
    }

    /** Runs the story with both organizations' files under {@code dir}, printing each step to {@code out}. */
    public static ShipReport run(PrintStream out, Path dir) throws IOException, InterruptedException {
        Path log = dir.resolve("shop").resolve("orders.log");
        Files.createDirectories(log.getParent());
        writeOrders(log, 0, MORNING);
        AtomicBoolean dayOver = new AtomicBoolean();
        ServerProcess audit = ServerProcess.start("audit", dir.resolve("audit"), "archive", "log-archive");
        try (VatRuntime runtime = VatRuntime.create();
             Peer shop = Peer.start(runtime, List.of())) {
            Vat shipper = runtime.newVat("shipper");
            long morningBytes = Files.size(log);
            out.println("Shop Inc. ships its order log as it is written (" + morningBytes
                    + " bytes this morning) to Audit Ltd.'s archive at " + audit.sturdyRef());
            Archive archive = shop.connect(audit.sturdyRef(), Archive.class);
            Promise<Long> first = shipper.callPromise(
                    () -> Shipment.resume(archive, LOG, log, shipper.timer(), dayOver::get));

            long storedAtCut = waitForStored(archive, morningBytes / 2);
            audit.kill();
            out.println("Audit Ltd. restarts its server with " + storedAtCut + " bytes stored");
            audit = audit.restart();
            Problem broken = brokenWith(first);
            out.println("The shipment under way breaks: " + broken);

            Archive again = shop.connect(audit.sturdyRef(), Archive.class);
            long resumedFrom = Peer.await(again.stored(LOG));
            out.println("Shop Inc. resumes from what the archive stored: " + resumedFrom + " bytes");
            Promise<Long> second = shipper.callPromise(
                    () -> Shipment.resume(again, LOG, log, shipper.timer(), dayOver::get));
            writeOrders(log, MORNING, DAY);
            dayOver.set(true);
            long logBytes = Files.size(log);
            out.println("The day is over: the log holds " + logBytes + " bytes");
            long storedAtEnd = second.join(WAIT);
            boolean same = Peer.await(again.digest(LOG)).equals(sha256(log));
            out.println("The archive holds " + storedAtEnd + " bytes, " + (same ? "the same" : "NOT the same")
                    + " as the log");
            return new ShipReport(morningBytes, logBytes, storedAtCut, broken, resumedFrom, storedAtEnd, same);
        } finally {
            out.println("Audit Ltd.'s server stops on SIGTERM: exit status " + audit.stop() + ".");
        }
    }

    /** Waits until the archive holds at least {@code bytes} of the log; answers what it holds. */
    private static long waitForStored(Archive archive, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            long stored = Peer.await(archive.stored(LOG));
            if (stored >= bytes) {
                return stored;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the archive did not reach " + bytes + " bytes within " + WAIT);
    }

    private static Problem brokenWith(Promise<Long> shipment) {
        try {
            shipment.join(WAIT);
            return null;
        } catch (ProblemException e) {
            return e.problem();
        }
    }

    /** Appends orders {@code from} to {@code to} (excluded) to the log. */
    private static void writeOrders(Path file, int from, int to) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (int i = from; i < to; i++) {
                writer.write(Orders.line(i));
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
