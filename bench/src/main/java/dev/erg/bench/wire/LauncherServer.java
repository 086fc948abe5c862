package dev.erg.bench.wire;

import dev.erg.captp.SturdyRef;
import dev.erg.server.store.DataDir;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A vat-server started as a user starts one, by its launcher ({@code bin/vat-server run}), so
 * with the launcher's JVM flags and start-up cache, in a fresh data directory hosting the
 * sample counter and greeter on a free loopback port. Stopped by {@code bin/vat-server stop}.
 */
final class LauncherServer implements AutoCloseable {

    private static final long WAIT_SECONDS = 120;

    private final Path launcher;
    private final Path data;
    private final Process process;
    private final long startedNanos;
    private final List<SturdyRef> refs;

    private LauncherServer(Path launcher, Path data, Process process, long startedNanos, List<SturdyRef> refs) {
        this.launcher = launcher;
        this.data = data;
        this.process = process;
        this.startedNanos = startedNanos;
        this.refs = refs;
    }

    /** Makes a data directory with {@code launcher} and starts a server on it; waits for its sturdy refs. */
    static LauncherServer start(Path launcher) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("erg-warm-up-").resolve("data");
        run(launcher, "init", data.toString(), "--listen", "127.0.0.1:0");
        Files.writeString(data.resolve("erg-server.conf"), "service.hello = greeter\n", StandardOpenOption.APPEND);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(launcher.toString(), "run", "--data", data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<SturdyRef> refs = new ArrayList<>();
        while (refs.size() < 2) {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("the vat-server exited before printing its sturdy refs, status " + process.waitFor());
            }
            refs.add(SturdyRef.parse(line));
        }
        return new LauncherServer(launcher, data, process, started, refs);
    }

    /** When the launcher was started, as {@link System#nanoTime()}. */
    long startedNanos() {
        return startedNanos;
    }

    /** The sturdy ref of the greeter. */
    SturdyRef greeter() {
        return refs.get(1);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(launcher, "stop", "--data", data.toString());
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        DataDir.deleteTree(data.getParent());
    }

    private static void run(Path launcher, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed");
        }
    }
}
