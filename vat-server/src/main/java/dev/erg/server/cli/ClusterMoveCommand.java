package dev.erg.server.cli;

import dev.erg.server.admin.VatPlacement;
import dev.erg.server.config.SetupException;
import dev.erg.server.store.DataDir;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vat-server cluster move VAT --to SERVER [--wait S]}: moves a running placed vat to another member. */
@Command(name = "move", description = {
        "Moves the placed vat VAT, running, to the member SERVER of the running server's cluster: its server"
                + " stops it between two turns, hands it over through the cluster's database, and redirects"
                + " those who dial it. Prints where the directory then places it.",
        "With --wait, waits until it has left its server; fails if it has not within that time."})
final class ClusterMoveCommand implements Callable<Integer> {

    private static final long POLL_MILLIS = 100;

    private final Launch launch;

    @Mixin
    DataOptions data;

    @Parameters(index = "0", paramLabel = "VAT", description = "The placed vat's id.")
    String vat;

    @Option(names = "--to", required = true, paramLabel = "SERVER",
            description = "The member to move it to: its id, or the start of it.")
    String server;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "How long to wait for it to leave its server (default: do not wait).")
    long wait;

    ClusterMoveCommand(Launch launch) {
        this.launch = launch;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted while waiting for the move");
        }
    }

    @Override
    public Integer call() throws SetupException {
        if (wait < 0) {
            throw new SetupException("--wait: " + wait + " (expected: 0 or more seconds)");
        }
        DataDir dir = DataDir.open(launch.resolve(data.data));
        VatPlacement placed;
        String from;
        try (AdminConnection connection = AdminConnection.toRunning(launch, dir, data.data)) {
            // Asked without waiting, then polled: one answer waited for is bounded by the connection's timeout.
            placed = connection.await(connection.admin().move(vat, server, 0));
            from = placed.serverId();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(wait);
            while (wait > 0 && placed.serverId().equals(from) && System.nanoTime() - deadline < 0) {
                sleep();
                placed = connection.await(connection.admin().cluster()).vats().stream()
                        .filter(v -> v.vatId().equals(vat)).findFirst().orElse(placed);
            }
        }
        launch.out().printf("%s  %s  %d  %s%n", placed.vatId(), placed.serverId(), placed.epoch(), placed.state());
        if (wait > 0 && placed.serverId().equals(from)) {
            throw new CommandFailure("vat " + vat + " has not left server " + from + " within " + wait + " s");
        }
        return 0;
    }
}
