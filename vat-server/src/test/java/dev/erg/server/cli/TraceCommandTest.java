package dev.erg.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.trace.TraceEvent;
import dev.erg.trace.TraceFile;
import dev.erg.trace.Tracer;
import dev.erg.vat.DeterministicScheduler;
import dev.erg.vat.Promise;
import dev.erg.vat.ProblemException;
import dev.erg.vat.VatRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCommandTest {

    /** Takes bids, paying for each from a purse. */
    public interface Auction {
        Promise<Long> bid(long amount);
    }

    /** Pays out, if it holds enough. */
    public interface Purse {
        Promise<Long> withdraw(long amount);
    }

    @TempDir
    Path tmp;

    /** Alice's bid breaks in the bank; the bank and auction log to one file, alice to another, as two servers would. */
    private void recordABrokenBid() throws IOException {
        DeterministicScheduler scheduler = new DeterministicScheduler(1);
        try (TraceFile server = TraceFile.append(tmp.resolve("server.trace"));
             TraceFile client = TraceFile.append(tmp.resolve("client.trace"))) {
            Tracer tracer = Tracer.builder().seed(1)
                    .sink(e -> (e.vat().equals("alice") ? client : server).accept(e)).build();
            try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).tracer(tracer).build()) {
                Purse purse = runtime.newVat("bank").export(amount -> {
                    throw new ProblemException("Insufficient", "wanted " + amount + ", holds 100");
                }, Purse.class);
                Auction auction = runtime.newVat("auction").export(purse::withdraw, Auction.class);
                runtime.newVat("alice").run(() -> auction.bid(500));
                scheduler.runUntilIdle();
            }
        }
    }

    private String spanOf(String label) throws IOException {
        return TraceFile.read(tmp.resolve("client.trace")).stream()
                .filter(e -> e.kind() == TraceEvent.Kind.SEND && e.label().equals(label))
                .findFirst().orElseThrow().context().spanId();
    }

    @Test
    void whyMergesTheFilesOfSeveralServersAndExplainsTheBrokenAnswer() throws IOException {
        recordABrokenBid();
        String bid = spanOf("Auction.bid");

        CliRun why = CliRun.run(tmp, "trace", "why", "--promise", bid, "server.trace", "client.trace");

        assertThat(why.status()).as(why.toString()).isZero();
        List<String> lines = why.out().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("the answer of Auction.bid [" + bid
                + "] broke with Insufficient: wanted 500, holds 100");
        assertThat(lines.get(1)).startsWith("  because it followed the answer of Purse.withdraw [");
        assertThat(lines.get(2)).startsWith("  which broke first in vat bank, in the turn that received Purse.withdraw");
        assertThat(lines.getLast()).endsWith("was queued from outside any turn (the root)");

        CliRun graph = CliRun.run(tmp, "trace", "graph", "--message", bid, "client.trace", "server.trace");
        assertThat(graph.status()).as(graph.toString()).isZero();
        assertThat(graph.out().lines().map(line -> line.substring(17)))
                .containsExactly("run alice -> alice (root)",
                        "Auction.bid alice -> auction sent in " + spanOf("run") + ", broken: Insufficient: wanted 500, holds 100",
                        "Purse.withdraw auction -> bank sent in " + bid + ", broken: Insufficient: wanted 500, holds 100");
    }

    @Test
    void withoutTheFileOfTheServerWhereItBrokeTheAnswerIsNotKnownBroken() throws IOException {
        recordABrokenBid();
        String bid = spanOf("Auction.bid");
        CliRun why = CliRun.run(tmp, "trace", "why", "--promise", bid, "client.trace");
        assertThat(why.status()).isEqualTo(Cli.FAILED);
        assertThat(why.err()).isEqualTo("vat-server: the answer of " + bid + " did not break, as far as these files tell\n");
    }

    @Test
    void unknownIdsAndFilesThatAreNotTracesAreRefusedOnOneLine() throws IOException {
        recordABrokenBid();
        CliRun unknown = CliRun.run(tmp, "trace", "why", "--promise", "00000000000000aa", "client.trace");
        assertThat(unknown.status()).isEqualTo(Cli.FAILED);
        assertThat(unknown.err()).isEqualTo("vat-server: no message 00000000000000aa in these files\n");

        Files.writeString(tmp.resolve("notes.txt"), "hello\n");
        CliRun bad = CliRun.run(tmp, "trace", "graph", "--message", "00000000000000aa", "notes.txt");
        assertThat(bad.status()).isEqualTo(Cli.FAILED);
        assertThat(bad.err()).startsWith("vat-server: ").contains("notes.txt:1: not a trace event");

        CliRun missing = CliRun.run(tmp, "trace", "find", "--label", "run", "absent.trace");
        assertThat(missing.status()).isEqualTo(Cli.FAILED);
        assertThat(missing.err()).contains("cannot read absent.trace");
    }
}
