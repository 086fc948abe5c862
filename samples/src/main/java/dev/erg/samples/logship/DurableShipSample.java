package dev.erg.samples.logship;

import dev.erg.captp.SturdyRef;
import dev.erg.samples.launch.Peer;
import dev.erg.samples.launch.ServerProcess;
import dev.erg.samples.launch.Workspace;
import dev.erg.vat.VatRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The order log again, now between durable objects: Shop Inc.'s {@link OrderLog} streams each
 * order it records to Audit Ltd.'s {@link Journal} through a durable stream, each on a
 * vat-server with its own store. Audit Ltd.'s server is killed with SIGKILL mid-morning, and
 * the afternoon's orders are recorded while it is away: the stream's window holds the log
 * back, and the outbox keeps what was written. The journal comes back and the lines flow;
 * then Shop Inc.'s server is killed in the middle of it, and started again. Neither side
 * resumes anything by hand: at the end of the day the journal holds every line once, in order.
 *
 * <p>Run it: {@code samples/run logship-durable}
 */
public final class DurableShipSample {

    private static final long MORNING = 6_000;
    private static final long AFTERNOON = 6_000;
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private DurableShipSample() {
    }

    public static void main(String[] args) throws Exception {
        try (Workspace workspace = Workspace.create("erg-logship-durable")) {
            System.exit(run(System.out, workspace.path()).sameLines() ? 0 : 1);
        }
    }

    /** Runs the story with both servers' data directories under {@code dir}, printing each step to {@code out}. */
    public static DurableShipReport run(PrintStream out, Path dir) throws IOException, InterruptedException {
        ServerProcess audit = ServerProcess.start("audit", dir.resolve("audit"), "journal", "order-journal");
        ServerProcess shop = null;
        try (VatRuntime runtime = VatRuntime.create();
             Peer client = Peer.start(runtime, List.of(OrderLog.Report.class, Journal.Report.class))) {
            shop = ServerProcess.start("shop", dir.resolve("shop"), "orders", "order-log");
            out.printf("Shop Inc.'s order log (pid %d) and Audit Ltd.'s journal (pid %d) are up, each a vat-server"
                    + " with its own store.%n", shop.pid(), audit.pid());
            OrderLog log = client.connect(shop.sturdyRef(), OrderLog.class);
            // The journal's sturdy ref stays the same across its server's restarts.
            SturdyRef journalRef = audit.sturdyRef();
            Supplier<Journal.Report> journal = () -> Peer.await(client.connect(journalRef, Journal.class).report());
            Peer.await(log.shipTo(journalRef.toString()));
            Peer.await(log.record(MORNING));
            out.printf("The log streams to the journal at %s;%nthe morning's %,d orders are recorded.%n", journalRef,
                    MORNING);

            long linesAtCut = poll(journal, r -> r.lines() >= MORNING / 3).lines();
            audit.kill();
            out.printf("SIGKILL to Audit Ltd.'s server, whose journal held %,d lines.%n", linesAtCut);
            Peer.await(log.record(AFTERNOON));
            OrderLog.Report whileDown = Peer.await(log.report());
            out.printf("The afternoon's orders are recorded while it is away: %,d recorded, %,d written to the stream,"
                    + "%nthe window full %d times; what is written waits in the outbox.%n", whileDown.recorded(),
                    whileDown.written(), whileDown.fullWindows());

            audit = audit.restart();
            out.printf("Audit Ltd.'s server is started again (pid %d) on its store, and the lines flow.%n", audit.pid());
            long linesAtShopKill = poll(journal, r -> r.lines() > whileDown.written()).lines();
            shop.kill();
            out.printf("SIGKILL to Shop Inc.'s server, with %,d lines in the journal.%n", linesAtShopKill);
            shop = shop.restart();
            log = client.connect(shop.sturdyRef(), OrderLog.class);
            Peer.await(log.closeDay());
            out.printf("Shop Inc.'s server is started again (pid %d) on its store, and closes the day.%n", shop.pid());

            Journal.Report end = poll(journal, r -> !r.end().isEmpty());
            String chain = JournalBook.START;
            for (long i = 0; i < MORNING + AFTERNOON; i++) {
                chain = JournalBook.link(chain, Orders.line(i));
            }
            boolean same = end.lines() == MORNING + AFTERNOON && end.chain().equals(chain);
            out.printf("The journal holds %,d lines (%s), %s%n", end.lines(), end.end(),
                    same ? "the log's lines, each once, in order." : "NOT the log's lines.");
            out.printf("Both servers stop on SIGTERM: exit status %d and %d.%n", shop.stop(), audit.stop());
            return new DurableShipReport(MORNING + AFTERNOON, linesAtCut, whileDown.written(), linesAtShopKill, end, same);
        } finally {
            audit.close();
            if (shop != null) {
                shop.close();
            }
        }
    }

    /** Asks for {@code report} until {@code done} holds of it, for a minute at most. */
    private static <R> R poll(Supplier<R> report, Predicate<R> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            R r = report.get();
            if (done.test(r)) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not there within a minute: " + r);
            }
            Thread.sleep(10);
        }
    }
}
