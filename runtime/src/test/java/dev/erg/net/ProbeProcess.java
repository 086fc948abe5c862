package dev.erg.net;

import dev.erg.crypto.TlsProvider;
import dev.erg.crypto.VatId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link LinkProbe} running in a JVM of its own, started with the test JVM's own
 * {@code java} and class path. Its stdout is read line by line into a history that tests wait
 * on; its stderr goes to a file quoted in failure messages. {@link #stop()} closes its stdin,
 * which makes it exit, and kills it if it does not.
 */
final class ProbeProcess {

    private static final long WAIT_MILLIS = 20_000;

    private final String name;
    private final Process process;
    private final Path stderr;
    private final Writer stdin;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;
    private int port;
    private VatId vatId;

    private ProbeProcess(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readStdout, "probe-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a probe named {@code name} whose key is {@code keyFile} (generated there if
     * absent); {@link #awaitReady()} waits for it to listen.
     */
    static ProbeProcess start(String name, Path keyFile, TlsProvider provider, Path dir) throws IOException {
        Path stderr = dir.resolve(name + ".stderr.txt");
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("--sun-misc-unsafe-memory-access=allow");
        command.add("--enable-native-access=ALL-UNNAMED");
        // A short-lived helper: start fast rather than peak.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-cp");
        command.add(testClassPath());
        command.add(LinkProbe.class.getName());
        command.add(keyFile.toString());
        command.add(provider.name());
        Process process = new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .start();
        return new ProbeProcess(name, process, stderr);
    }

    /** Waits for {@code READY <port> <vat id>} and returns this probe. */
    ProbeProcess awaitReady() throws InterruptedException {
        String[] ready = awaitLine(line -> line.startsWith("READY ")).split(" ");
        port = Integer.parseInt(ready[1]);
        vatId = VatId.parse(ready[2]);
        return this;
    }

    /** The {@code java} that runs this JVM, so that the probe runs on the same JDK. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .filter(command -> Files.isExecutable(Path.of(command)))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The test class path. Surefire may start this JVM from a manifest-only jar, whose
     * {@code java.class.path} then names only that jar; it publishes the real path as
     * {@code surefire.test.class.path}.
     */
    static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    VatId vatId() {
        return vatId;
    }

    /** Sends one command line. */
    void send(String command) throws IOException {
        stdin.write(command + "\n");
        stdin.flush();
    }

    /**
     * Sends {@code sync} with a fresh token and waits for its answer: every line the probe
     * printed before reading the command is then in {@link #lines()}.
     */
    List<String> sync() throws IOException, InterruptedException {
        String token = Long.toHexString(System.nanoTime());
        send("sync " + token);
        awaitLine(line -> line.equals("SYNC " + token));
        return lines();
    }

    /** Waits for the first line, since the probe started, that {@code wanted} accepts. */
    String awaitLine(Predicate<String> wanted) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || ended) {
                    throw new AssertionError("probe " + name + (ended ? " ended" : " timed out after " + WAIT_MILLIS + " ms")
                            + " without the line wanted; stdout so far: " + lines + "; " + describe());
                }
                lines.wait(left);
            }
        }
    }

    /** Every line printed so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The probe's state and the end of its stderr, for failure messages. */
    String describe() {
        String tail;
        try {
            String text = Files.readString(stderr);
            tail = text.length() > 4000 ? "…" + text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            tail = "(unreadable: " + e + ")";
        }
        return "process " + process.pid() + (process.isAlive() ? " alive" : " exited " + process.exitValue())
                + ", stderr: " + tail;
    }

    private void readStdout() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process is gone; ended says so.
        } finally {
            synchronized (lines) {
                ended = true;
                lines.notifyAll();
            }
        }
    }

    /**
     * Closes the probe's stdin, which makes it exit, and waits for it; destroys it, then
     * forcibly, if it lingers. Returns its exit code, or -1 if it had to be killed.
     */
    int stop() throws InterruptedException {
        try {
            stdin.close();
        } catch (IOException alreadyGone) {
            // It exited already.
        }
        if (process.waitFor(10, TimeUnit.SECONDS)) {
            return process.exitValue();
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        return -1;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public String toString() {
        return "probe " + name + " (" + vatId + " at 127.0.0.1:" + port + ")";
    }
}
