package dev.erg.server.cli;

import dev.erg.server.host.ServiceRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One in-process run of the command line, its output captured; a command that serves runs on
 * a thread of its own until {@link #stop()}.
 */
public final class CliRun {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Launch launch;
    private Thread thread;
    private volatile int status = -1;

    private CliRun(Path cwd, Map<String, String> env) {
        Map<String, String> environment = new HashMap<>(env);
        // The client identity goes under the test's directory, never the user's own.
        environment.putIfAbsent("XDG_CONFIG_HOME", cwd.resolve(".config").toString());
        this.launch = new Launch(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.copyOf(environment), cwd, () -> stop::await,
                ServiceRegistry.load(), InetSocketAddress.createUnresolved("127.0.0.1", 0));
    }

    /** Runs {@code args} in {@code cwd} to completion. */
    public static CliRun run(Path cwd, String... args) {
        return run(cwd, Map.of(), args);
    }

    /**
     * Runs {@code args} in {@code cwd} with the environment {@code env} to completion; the
     * user's configuration directory is {@code cwd/.config} unless {@code env} sets
     * {@code XDG_CONFIG_HOME}.
     */
    public static CliRun run(Path cwd, Map<String, String> env, String... args) {
        CliRun run = new CliRun(cwd, env);
        run.status = Cli.execute(run.launch, args);
        return run;
    }

    /** Starts {@code args}, a command that serves, and waits for its first line of output. */
    public static CliRun serve(Path cwd, String... args) throws InterruptedException {
        return serve(cwd, Map.of(), args);
    }

    /** Starts {@code args} with {@code env}, and waits for its first line of output or its end. */
    public static CliRun serve(Path cwd, Map<String, String> env, String... args) throws InterruptedException {
        CliRun run = new CliRun(cwd, env);
        run.thread = Thread.ofPlatform().name("cli-serve").start(() -> run.status = Cli.execute(run.launch, args));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!run.out().contains("\n") && run.thread.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return run;
    }

    /** Tells a serving command to stop, and waits for it; returns its status. */
    public int stop() throws InterruptedException {
        stop.countDown();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        return status;
    }

    /** Waits for a serving command to end by itself (not told to stop); returns its status. */
    public int awaitEnd() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(30));
        return status;
    }

    /** The exit status; -1 while a serving command runs. */
    public int status() {
        return status;
    }

    /** Everything printed on stdout so far. */
    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The first line printed on stdout. */
    public String firstLine() {
        return out().lines().findFirst().orElse("");
    }

    /** Everything printed on stderr so far. */
    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "status " + status + ", stdout:\n" + out() + "stderr:\n" + err();
    }
}
