package dev.erg.server.cli;

import dev.erg.server.config.SetupException;
import dev.erg.server.store.DataDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vat-server outbox resume}: what an operator does about a stopped outbox. */
@Command(name = "outbox", description = "Acts on the running server's outboxes of durable letters.")
final class OutboxCommand {

    private final Launch launch;

    OutboxCommand(Launch launch) {
        this.launch = launch;
    }

    @Command(name = "resume", description = {
            "Sends the letters waiting in the stopped outbox to VAT again, on a new stream.",
            "For after an amnesia alarm: the receiver may consume again letters it consumed before."})
    int resume(@Mixin DataOptions data,
               @Parameters(paramLabel = "VAT", description = "The receiving vat's id, as `status` shows it.") String vat)
            throws SetupException {
        DataDir dir = DataDir.open(launch.resolve(data.data));
        try (AdminConnection connection = AdminConnection.toRunning(launch, dir, data.data)) {
            long moved = connection.await(connection.admin().resumeOutbox(vat.strip()));
            launch.out().println(moved + " letters sent again to vat " + vat.strip());
        }
        return 0;
    }
}
