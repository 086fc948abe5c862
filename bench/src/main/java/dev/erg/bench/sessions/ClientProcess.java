package dev.erg.bench.sessions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link SessionClients} JVM, started with this one's {@code java} and class path. */
final class ClientProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    private ClientProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts a client that opens {@code sessions} sessions to {@code ref}; its log goes to {@code log}. */
    static ClientProcess start(String ref, int sessions, Path log) throws IOException {
        Process process = new ProcessBuilder(SessionsBench.java(),
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "-Xss512k",
                "-cp", SessionsBench.classPath(), SessionClients.class.getName(), ref,
                String.valueOf(sessions))
                .redirectError(log.toFile()).start();
        return new ClientProcess(process);
    }

    /** Waits until every session is open. */
    void awaitReady() throws IOException {
        String line = out.readLine();
        if (line == null || !line.startsWith("READY ")) {
            throw new IOException("a client failed to open its sessions: " + line);
        }
    }

    /** Tells the client to call for {@code seconds}; {@link #busyResult} reads the outcome. */
    void busy(int seconds) throws IOException {
        in.write("busy " + seconds + "\n");
        in.flush();
    }

    /** The outcome of the last {@link #busy}: calls answered, calls broken, and the latencies, merged into {@code into}. */
    long[] busyResult(LatencyHistogram into) throws IOException {
        String line = out.readLine();
        if (line == null || !line.startsWith("DONE ")) {
            throw new IOException("a client stopped during the busy phase: " + line);
        }
        List<String> fields = List.of(line.split(" "));
        into.merge(fields.get(3));
        return new long[] {Long.parseLong(fields.get(1)), Long.parseLong(fields.get(2))};
    }

    /** Closes the client's stdin, which ends it; kills it if it lingers. */
    @Override
    public void close() throws IOException, InterruptedException {
        in.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
