package dev.erg.samples.launch;

import dev.erg.captp.SturdyRef;
import dev.erg.server.VatServerMain;
import dev.erg.server.config.SetupException;
import dev.erg.server.store.DataDir;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A vat-server in a process of its own, as an organization would run it: {@code vat-server
 * run} on a data directory made for it, hosting one service, started with this JVM's
 * {@code java} and class path so that it can host the samples' services. Its log goes to a
 * file beside the data directory; {@link #close()} makes sure it is gone. It may be started
 * again on the same data directory and port ({@link #restart()}), so that the sturdy refs it
 * issued keep designating what they did.
 */
public final class ServerProcess implements AutoCloseable {

    // Generous: on a loaded machine a JVM with the samples' class path may take a minute to start.
    private static final long START_SECONDS = 150;
    private static final long STOP_SECONDS = 30;

    private final String name;
    private final Path dataDir;
    private final Map<String, String> environment;
    private final Process process;
    private final SturdyRef sturdyRef;

    private ServerProcess(String name, Path dataDir, Map<String, String> environment, Process process,
                          SturdyRef sturdyRef) {
        this.name = name;
        this.dataDir = dataDir;
        this.environment = environment;
        this.process = process;
        this.sturdyRef = sturdyRef;
    }

    /**
     * Makes a data directory at {@code dataDir} (which must not exist, or be empty) that hosts
     * {@code service}, made by {@code maker}, on a free loopback port; starts the server on it,
     * and waits until it has printed the service's sturdy ref.
     *
     * @param name a name for messages and for the log file, {@code dataDir} + {@code .log}
     * @throws IOException if the server cannot be started or exits before it serves
     */
    public static ServerProcess start(String name, Path dataDir, String service, String maker) throws IOException {
        return start(name, dataDir, service, maker, "");
    }

    /**
     * As {@link #start(String, Path, String, String)}, with {@code moreConfig} (lines of
     * {@code key = value}, such as a cluster section) added to the server's configuration.
     */
    public static ServerProcess start(String name, Path dataDir, String service, String maker, String moreConfig)
            throws IOException {
        return start(name, dataDir, service, maker, moreConfig, Map.of());
    }

    /**
     * As {@link #start(String, Path, String, String, String)}, with {@code environment} added
     * to the server's environment (such as {@code ERG_TRACE_FILE}), at this start and at each
     * {@link #restart()}.
     */
    public static ServerProcess start(String name, Path dataDir, String service, String maker, String moreConfig,
                                     Map<String, String> environment) throws IOException {
        try {
            // A port of its own rather than 0, which would pick another at each start: the
            // sturdy refs the server issues name the port.
            DataDir.init(dataDir, "listen = 127.0.0.1:" + freePort() + "\nservice." + service + " = " + maker + "\n"
                    + moreConfig, null);
        } catch (SetupException e) {
            throw new IOException(e.getMessage(), e);
        }
        return launch(name, dataDir, Map.copyOf(environment));
    }

    /**
     * Starts the server again on its data directory and port, once this process has ended
     * (after {@link #kill()} or {@link #stop()}), and waits until it has printed the service's
     * sturdy ref again. Its log goes on in the same file.
     *
     * @throws IOException if this process does not end within 30 s, or the new one cannot
     *                     be started or exits before it serves
     */
    public ServerProcess restart() throws IOException, InterruptedException {
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            throw new IOException(name + " (pid " + pid() + ") is still running");
        }
        return launch(name, dataDir, environment);
    }

    private static ServerProcess launch(String name, Path dataDir, Map<String, String> environment) throws IOException {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        // The serial collector: these servers are small, and it starts quickest.
        List<String> command = List.of(javaExecutable(),
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                "-cp", classPath(), VatServerMain.class.getName(), "run", "--data", dataDir.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            return new ServerProcess(name, dataDir, environment, process, readRef(process, name, log));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Reads the sturdy ref, the first line the server prints on stdout. */
    private static SturdyRef readRef(Process process, String name, Path log) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // Read on another thread, so that a server that hangs before printing cannot hang the caller.
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }, runnable -> Thread.ofPlatform().daemon().name(name + "-stdout").start(runnable));
        String read;
        try {
            read = line.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + name + " was starting", e);
        } catch (ExecutionException | TimeoutException e) {
            read = null;
        }
        if (read == null) {
            throw new IOException(name + " did not print its sturdy ref within " + START_SECONDS + " s; its log:\n"
                    + readLog(log));
        }
        return SturdyRef.parse(read);
    }

    /** The name this server was given, for messages. */
    public String name() {
        return name;
    }

    /** The server's data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** The sturdy ref of the service, as the server printed it. */
    public SturdyRef sturdyRef() {
        return sturdyRef;
    }

    /** The operating system's id of the server's process. */
    public long pid() {
        return process.pid();
    }

    /** Whether the server's process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the server at once, as a crash or {@code kill -9} would: SIGKILL on POSIX systems. */
    public void kill() {
        process.destroyForcibly();
    }

    /**
     * Asks the server to stop (SIGTERM on POSIX systems), as a service manager would, and
     * waits for its exit status; it is killed if it has not stopped within 30 s.
     */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the server if it still runs, and waits until it is gone. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The java launcher of this JVM, to start another like it. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .filter(command -> Files.isExecutable(Path.of(command)))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** This JVM's class path. Surefire may start it from a manifest-only jar; it publishes the real path. */
    public static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
