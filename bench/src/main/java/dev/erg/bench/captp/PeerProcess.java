package dev.erg.bench.captp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The far end of a two-process benchmark: a JVM started with this one's {@code java} and class
 * path, which prints {@code READY <address>} when it serves, answers one-line commands on
 * stdin, and exits when its stdin closes. Extra JVM options for it (say, a flight recording)
 * come from the system property {@code cbench.peer.jvmArgs}, separated by spaces.
 */
public final class PeerProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final String address;

    private PeerProcess(Process process, BufferedReader out, String address) {
        this.process = process;
        this.out = out;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.address = address;
    }

    public static PeerProcess start(Class<?> main, String... args) throws IOException {
        return start(System.getProperty("java.class.path"), main, args);
    }

    /** Like {@link #start(Class, String...)}, with another class path: say, another build's jar. */
    public static PeerProcess start(String classPath, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"));
        String extra = System.getProperty("cbench.peer.jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(Arrays.asList(extra.split(" +")));
        }
        command.addAll(List.of("-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        while (line != null && !line.startsWith("READY ")) {
            System.err.println(main.getSimpleName() + ": " + line); // e.g. a flight recording's start-up lines
            line = out.readLine();
        }
        if (line == null || !line.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IllegalStateException(main.getSimpleName() + " did not start: " + line);
        }
        return new PeerProcess(process, out, line.substring(6).trim());
    }

    /** What the peer said after READY: where to find what it serves. */
    public String address() {
        return address;
    }

    /** The peer's process id. */
    public long pid() {
        return process.pid();
    }

    /** Sends {@code command} and returns the peer's one-line reply. */
    public String ask(String command) throws IOException {
        in.write(command + "\n");
        in.flush();
        String reply = out.readLine();
        if (reply == null) {
            throw new IOException("peer exited while asked " + command);
        }
        return reply;
    }

    /** The peer's used heap after a full collection, in bytes. */
    public long heap() throws IOException {
        String reply = ask("heap");
        if (!reply.startsWith("HEAP ")) {
            throw new IOException("unexpected reply to heap: " + reply);
        }
        return Long.parseLong(reply.substring(5).trim());
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
