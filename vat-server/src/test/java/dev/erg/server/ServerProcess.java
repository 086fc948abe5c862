package dev.erg.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link VatServerMain} in a JVM of its own, started with this JVM's {@code java} and test
 * class path. Its stdout is collected line by line; its stderr goes to a file quoted in
 * failure messages. {@link #close()} makes sure it is gone.
 */
final class ServerProcess implements AutoCloseable {

    /** The exit status of a process ended by SIGKILL: 128 plus the signal's number, 9. */
    static final int KILLED = 128 + 9;

    private final Process process;
    private final Path stderr;
    private final List<String> lines = new ArrayList<>();

    private ServerProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread.ofPlatform().daemon().name("server-stdout").start(this::read);
    }

    /** Starts {@code vat-server args...}, in {@code dir}. */
    static ServerProcess start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(),
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", testClassPath(), VatServerMain.class.getName()));
        command.addAll(List.of(args));
        Path stderr = dir.resolve("server.stderr.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(stderr.toFile()).start();
        return new ServerProcess(process, stderr);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process went away.
        }
    }

    /** The {@code n}-th line (from 0) printed on stdout, waiting up to 30 s for it. */
    String line(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (lines) {
            while (lines.size() <= n) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && lines.size() <= n) {
                    throw new AssertionError("no line " + n + " from the server; " + describe());
                }
                lines.wait(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(left))));
            }
            return lines.get(n);
        }
    }

    /** Sends SIGTERM (on POSIX systems) and waits for the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not exit within 30 s of SIGTERM; " + describe());
        }
        return process.exitValue();
    }

    /**
     * Sends SIGKILL (what {@link Process#destroyForcibly()} sends on POSIX systems) unless the
     * server has already exited, and returns its exit status: {@link #KILLED} if the signal
     * ended it.
     */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not exit within 30 s of SIGKILL; " + describe());
        }
        return process.exitValue();
    }

    /** The server's process id. */
    long pid() {
        return process.pid();
    }

    /** The exit status of a server that has exited or is exiting (waiting up to 10 s for it). */
    int exitStatus() throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the server still runs; " + describe());
        }
        return process.exitValue();
    }

    /** What the server printed on stderr, for failure messages. */
    String describe() {
        try {
            return "stderr:\n" + Files.readString(stderr);
        } catch (IOException e) {
            return "stderr unreadable: " + e;
        }
    }

    /** Kills the server if it still runs. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .filter(command -> Files.isExecutable(Path.of(command)))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Surefire may start this JVM from a manifest-only jar; it publishes the real path. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
