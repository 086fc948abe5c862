package dev.erg.server.cli;

import dev.erg.server.config.SetupException;
import dev.erg.server.durable.Alarm;
import dev.erg.server.store.DataDir;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vat-server alarms list|ack}: the running server's alarms, and an operator's word that one was looked into. */
@Command(name = "alarms", description = "Lists and acknowledges the running server's alarms, kept in its durable store.")
final class AlarmsCommand {

    private final Launch launch;

    AlarmsCommand(Launch launch) {
        this.launch = launch;
    }

    @Command(name = "list", description = {
            "Lists the alarms not acknowledged yet, oldest first: their number, when they were raised and what happened.",
            "They survive restarts until acknowledged."})
    int list(@Mixin DataOptions data,
             @Option(names = "--all", description = "Lists acknowledged alarms too.") boolean all)
            throws SetupException {
        DataDir dir = DataDir.open(launch.resolve(data.data));
        try (AdminConnection connection = AdminConnection.toRunning(launch, dir, data.data)) {
            print(connection.await(connection.admin().alarms(all)), all, launch.out());
        }
        return 0;
    }

    @Command(name = "ack", description = "Acknowledges the alarms numbered ID, once they have been looked into.")
    int acknowledge(@Mixin DataOptions data,
                    @Parameters(paramLabel = "ID", arity = "1..*", description = "An alarm's number, as `list` shows it.")
                    List<Long> ids) throws SetupException {
        DataDir dir = DataDir.open(launch.resolve(data.data));
        int unknown = 0;
        try (AdminConnection connection = AdminConnection.toRunning(launch, dir, data.data)) {
            for (long id : ids) {
                if (connection.await(connection.admin().acknowledgeAlarm(id))) {
                    launch.out().println("alarm " + id + " acknowledged");
                } else {
                    launch.err().println("vat-server: no open alarm " + id + " (acknowledged already, or never raised)");
                    unknown++;
                }
            }
        }
        return unknown == 0 ? 0 : Cli.FAILED;
    }

    static void print(List<Alarm> alarms, boolean all, PrintStream out) {
        if (alarms.isEmpty()) {
            out.println(all ? "no alarms" : "no open alarms");
            return;
        }
        for (Alarm alarm : alarms) {
            out.printf("%-6d %s%s%n", alarm.id(), alarm.line(),
                    alarm.isAcknowledged() ? " [acknowledged " + alarm.acknowledged() + "]" : "");
        }
    }
}
