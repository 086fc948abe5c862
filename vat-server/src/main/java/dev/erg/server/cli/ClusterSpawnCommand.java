package dev.erg.server.cli;

import dev.erg.server.config.SetupException;
import dev.erg.server.store.DataDir;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vat-server cluster spawn SERVICE [--on SERVER]}: a new placed vat in the running server's cluster. */
@Command(name = "spawn", description = {
        "Spawns a vat running the configured service SERVICE in the cluster of the running server, on the"
                + " member SERVER or on one chosen by the service's placement policy (cluster.placement),"
                + " and prints the sturdy ref of its root.",
        "The vat has its own key and keeps its durable state in the cluster's database, so the ref stays"
                + " valid when the vat moves."})
final class ClusterSpawnCommand implements Callable<Integer> {

    private final Launch launch;

    @Mixin
    DataOptions data;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "A service configured on the cluster's servers.")
    String service;

    @Option(names = "--on", paramLabel = "SERVER", defaultValue = "",
            description = "The member to run it on: its id, or the start of it (default: chosen by placement).")
    String server;

    ClusterSpawnCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws SetupException {
        DataDir dir = DataDir.open(launch.resolve(data.data));
        String ref;
        try (AdminConnection connection = AdminConnection.toRunning(launch, dir, data.data)) {
            ref = connection.await(connection.admin().place(service, server));
        }
        launch.out().println(ref);
        return 0;
    }
}
