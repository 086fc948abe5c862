package dev.erg.server.cli;

import dev.erg.server.config.SetupException;
import dev.erg.vat.ProblemException;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The {@code vat-server} command line. Exit status: 0 on success; 1 when the command failed,
 * with one line on stderr saying why (a configuration to fix, a broken answer); 2 when the
 * command line itself is wrong.
 */
public final class Cli {

    /** Exit status of a command that failed. */
    public static final int FAILED = 1;

    private Cli() {
    }

    /** Runs the command line {@code args} with {@code launch}; returns the exit status. */
    public static int execute(Launch launch, String... args) {
        Optional<CallCommand> plain = PlainCall.parse(launch, args);
        return plain.isPresent() ? run(launch, plain.get()) : parsed(launch, args);
    }

    /** Runs {@code call} as picocli runs a command, reporting a failure as its handler below does. */
    private static int run(Launch launch, CallCommand call) {
        try {
            int status = call.call();
            launch.out().flush();
            return status;
        } catch (Exception thrown) {
            return failed(launch, thrown);
        }
    }

    /** Runs {@code args} as picocli parses them. */
    private static int parsed(Launch launch, String... args) {
        CommandLine line = commandLine(launch);
        line.setOut(new PrintWriter(launch.out(), true));
        line.setErr(new PrintWriter(launch.err(), true));
        line.setExecutionExceptionHandler((thrown, command, parsed) -> failed(launch, thrown));
        int status = line.execute(args);
        launch.out().flush();
        return status;
    }

    /** Every command, as picocli parses them. */
    static CommandLine commandLine(Launch launch) {
        CommandLine line = new CommandLine(new TopCommand(launch));
        line.addSubcommand("init", new InitCommand(launch));
        line.addSubcommand("run", new RunCommand(launch));
        line.addSubcommand("sturdy", new SturdyCommand(launch));
        line.addSubcommand("status", new StatusCommand(launch));
        line.addSubcommand("stop", new StopCommand(launch));
        line.addSubcommand("outbox", new OutboxCommand(launch));
        line.addSubcommand("alarms", new AlarmsCommand(launch));
        line.addSubcommand("inspector-url", new InspectorUrlCommand(launch));
        line.addSubcommand("call", new CallCommand(launch));
        line.addSubcommand("describe", new DescribeCommand(launch));
        line.addSubcommand("spawn", new SpawnCommand(launch));
        line.addSubcommand("trace", new TraceCommand(launch));
        line.addSubcommand("train", new TrainCommand(launch));
        line.addSubcommand("cluster", new CommandLine(new ClusterCommand(launch))
                .addSubcommand("spawn", new ClusterSpawnCommand(launch))
                .addSubcommand("move", new ClusterMoveCommand(launch)));
        line.addSubcommand("help", new CommandLine.HelpCommand());
        return line;
    }

    /** Says on one line why a command failed; returns {@link #FAILED}. */
    private static int failed(Launch launch, Exception thrown) {
        launch.err().println("vat-server: " + message(thrown).replaceAll("\\s*\\R\\s*", " "));
        launch.err().flush();
        return FAILED;
    }

    private static String message(Throwable thrown) {
        return switch (thrown) {
            case SetupException e -> e.getMessage();
            case CommandFailure e -> e.getMessage();
            case ProblemException e -> e.problem().toString();
            case IllegalArgumentException e -> e.getMessage();
            case InterruptedException e -> "interrupted";
            default -> "unexpected " + thrown;
        };
    }
}
