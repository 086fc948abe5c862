package dev.erg.server.cli;

import dev.erg.server.admin.ConfinedVatStatus;
import dev.erg.server.admin.ServerStatus;
import dev.erg.server.admin.VatStatus;
import dev.erg.server.config.SetupException;
import dev.erg.server.durable.OutboxStatus;
import dev.erg.server.store.DataDir;
import dev.erg.server.store.LockState;
import dev.erg.server.worker.WorkerStatus;
import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vat-server status}: what the server running on a data directory is doing. */
@Command(name = "status", description = "Prints the running server's process id, sessions, vats and queue depths, its worker"
        + " processes and its confined vats.")
final class StatusCommand implements Callable<Integer> {

    private final Launch launch;

    @Mixin
    DataOptions data;

    StatusCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws SetupException {
        DataDir dir = DataDir.open(launch.resolve(data.data));
        ServerStatus status;
        try (AdminConnection connection = AdminConnection.toRunning(launch, dir, data.data)) {
            status = connection.await(connection.admin().status());
        }
        OptionalLong pid = dir.lockState() instanceof LockState.Held held ? held.pid() : OptionalLong.empty();
        print(status, pid, launch.out());
        return 0;
    }

    /** Prints {@code status} of the server whose process id is {@code pid}, if known. */
    static void print(ServerStatus status, OptionalLong pid, PrintStream out) {
        out.println("vat       " + status.vatId());
        pid.ifPresent(p -> out.println("pid       " + p));
        out.println("address   " + status.address());
        out.println("uptime    " + status.uptimeSeconds() + " s");
        out.println("sessions  " + status.sessions());
        out.println("sent      " + status.messagesSent() + " messages");
        out.printf("%-20s %-12s %8s %10s %10s%n", "VAT", "MAKER", "QUEUED", "TURNS", "MESSAGES");
        for (VatStatus vat : status.vats()) {
            out.printf("%-20s %-12s %8d %10d %10d%n", vat.name(), vat.maker(), vat.queued(), vat.turns(), vat.messages());
        }
        out.println("durable   generation " + status.generation() + ", " + status.durableTurns() + " turns committed");
        out.println("store     " + status.store());
        for (OutboxStatus box : status.outboxes()) {
            out.println("outbox    to " + box.vat() + ": " + box.waiting() + " letters waiting, "
                    + (!box.stopped().isEmpty() ? "STOPPED: " + box.stopped() : box.available() ? "available" : "unavailable"));
        }
        if (!status.workers().isEmpty()) {
            out.printf("%-8s %-8s %-8s %8s %15s  %s%n", "WORKER", "PID", "STATE", "HEAP MB", "CPU S USED/MAX", "VATS");
            for (WorkerStatus worker : status.workers()) {
                out.printf("%-8d %-8d %-8s %8d %15s  %s%s%n", worker.id(), worker.pid(), worker.state(),
                        worker.heapMegabytes(), String.format(Locale.ROOT, "%.1f/%.0f", worker.cpuMillis() / 1000.0,
                                worker.cpuLimitMillis() / 1000.0),
                        worker.vats().isEmpty() ? "-" : String.join(", ", worker.vats()),
                        worker.detail().isEmpty() ? "" : " (" + worker.detail() + ")");
            }
        }
        if (!status.confined().isEmpty()) {
            out.printf("%-28s %28s %10s %8s%n", "CONFINED VAT", "COMPUTRONS USED/BUDGET", "PER TURN", "PENDING");
            for (ConfinedVatStatus vat : status.confined()) {
                out.printf("%-28s %28s %10d %8d%n", vat.name(), vat.used() + "/" + vat.budget(), vat.perTurn(),
                        vat.pending());
            }
        }
        for (String alarm : status.alarms()) {
            out.println("ALARM     " + alarm);
        }
    }
}
