package dev.erg.server.cli;

import dev.erg.server.admin.ClusterStatus;
import dev.erg.server.admin.MemberListing;
import dev.erg.server.admin.VatPlacement;
import dev.erg.server.config.SetupException;
import dev.erg.server.store.DataDir;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vat-server cluster}: the cluster the running server is a member of, as its database shows it. */
@Command(name = "cluster", description = {
        "Prints the members of the running server's cluster (id, hints, state, lease left, load, price)"
                + " and where the directory places each vat (server, epoch, state, service, turns per second"
                + " posted, and the member it is moving to)."})
final class ClusterCommand implements Callable<Integer> {

    private final Launch launch;

    @Mixin
    DataOptions data;

    ClusterCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws SetupException {
        DataDir dir = DataDir.open(launch.resolve(data.data));
        ClusterStatus status;
        try (AdminConnection connection = AdminConnection.toRunning(launch, dir, data.data)) {
            status = connection.await(connection.admin().cluster());
        }
        print(status, launch.out());
        return 0;
    }

    /** Prints {@code status}: one line per member, then one per placed vat; this server is marked with a star. */
    static void print(ClusterStatus status, PrintStream out) {
        out.printf("%-54s %-10s %10s %9s %5s %5s %7s  %s%n", "MEMBER", "STATE", "LEASE", "TURNS/S", "CPU", "VATS", "PRICE",
                "HINTS");
        for (MemberListing m : status.members()) {
            String lease = m.leaseLeftMillis() > 0 ? m.leaseLeftMillis() + " ms" : "dead";
            out.printf(Locale.ROOT, "%-54s %-10s %10s %9.1f %4.0f%% %5d %7.2f  %s%n",
                    (m.serverId().equals(status.serverId()) ? "*" : " ") + m.serverId(), m.state(), lease,
                    m.turnsPerSecond(), m.cpuShare() * 100, m.vatCount(), m.price(), String.join(",", m.hints()));
        }
        out.printf("%-52s  %-54s %6s  %-7s %-16s %9s  %s%n", "VAT", "SERVER", "EPOCH", "STATE", "SERVICE", "TURNS/S",
                "TARGET");
        for (VatPlacement v : status.vats()) {
            out.println(String.format(Locale.ROOT, "%-52s  %-54s %6d  %-7s %-16s %9.1f  %s", v.vatId(),
                    (v.serverId().equals(status.serverId()) ? "*" : " ") + v.serverId(), v.epoch(), v.state(), v.service(),
                    v.load(), v.target()).stripTrailing());
        }
        if (status.vats().isEmpty()) {
            out.println("(no vats are placed)");
        }
    }
}
