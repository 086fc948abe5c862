package dev.erg.server.cli;

import dev.erg.server.config.SetupException;
import dev.erg.server.host.VatServer;
import dev.erg.server.store.DataDir;
import dev.erg.server.store.LockState;
import dev.erg.vat.ProblemException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vat-server stop}: asks the server running on a data directory to stop, through its
 * admin object (the authority {@code admin.ref} gives, as for every other command that
 * manages it), then waits until it has let go of the directory and its process has exited.
 */
@Command(name = "stop",
        description = {
                "Stops the server running on the data directory, in order, as SIGTERM does,"
                        + " and waits until its process has exited.",
                "Fails if no server runs there, or if it has not stopped within the timeout."})
final class StopCommand implements Callable<Integer> {

    private static final long POLL_MILLIS = 50;

    private final Launch launch;

    @Mixin
    DataOptions data;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the server to exit (default: ${DEFAULT-VALUE}).")
    int timeout;

    StopCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws SetupException, InterruptedException {
        if (timeout < 1) {
            throw new SetupException("--timeout: " + timeout + " (expected: at least 1 second)");
        }
        DataDir dir = DataDir.open(launch.resolve(data.data));
        OptionalLong pid = switch (dir.lockState()) {
            case LockState.Free free -> throw new CommandFailure(AdminConnection.notRunning(dir, free));
            case LockState.Held held -> held.pid();
        };
        String server = "the vat-server on " + dir.root() + (pid.isPresent() ? " (pid " + pid.getAsLong() + ")" : "");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        try (AdminConnection connection = AdminConnection.open(launch, dir)) {
            connection.await(connection.admin().stop());
        } catch (ProblemException e) {
            // Stopping ends the session that asked, sometimes before the answer leaves.
            if (!e.problem().message().endsWith(VatServer.SHUTDOWN_REASON)) {
                throw new CommandFailure(server + " did not take the stop: " + e.problem() + killHint(pid));
            }
        }
        if (!released(dir, deadline) || !exited(pid, deadline)) {
            throw new CommandFailure(server + " has not stopped within " + timeout + " s; it may still be finishing"
                    + " its turns: wait, or see its log" + killHint(pid));
        }
        launch.out().println("stopped " + server);
        return 0;
    }

    /** Whether the server let go of the directory's lock before {@code deadline}. */
    private static boolean released(DataDir dir, long deadline) throws SetupException, InterruptedException {
        while (dir.lockState() instanceof LockState.Held) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    /** Whether process {@code pid} ended before {@code deadline}; a server in this very process cannot be waited for. */
    private static boolean exited(OptionalLong pid, long deadline) throws InterruptedException {
        Optional<ProcessHandle> process = pid.isPresent() && pid.getAsLong() != ProcessHandle.current().pid()
                ? ProcessHandle.of(pid.getAsLong())
                : Optional.empty();
        if (process.isEmpty()) {
            return true;
        }
        try {
            process.get().onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.get().isAlive();
        }
    }

    private static String killHint(OptionalLong pid) {
        return pid.isPresent() ? "; to end it at once: kill -9 " + pid.getAsLong() : "";
    }
}
