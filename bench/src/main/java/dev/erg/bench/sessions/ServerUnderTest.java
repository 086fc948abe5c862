package dev.erg.bench.sessions;

import dev.erg.captp.SturdyRef;
import dev.erg.server.VatServerMain;
import dev.erg.server.admin.Admin;
import dev.erg.server.admin.AdminProtocol;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.config.SetupException;
import dev.erg.server.store.DataDir;
import dev.erg.wire.PassableRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vat-server being measured: {@code vat-server run} in a JVM of its own, on a new data
 * directory hosting the built-in {@code counter}. What it holds is read from outside: live heap
 * and class histogram by {@code jcmd} (after the full collection {@code GC.class_histogram}
 * makes), resident memory from {@code /proc}, CPU time from the operating system. Its session
 * count comes from its admin object's status, asked over one client's session held throughout,
 * so that it is in every measurement alike; the admin object is fetched again for each ask, which
 * dials again if that session was lost: silent through a busy phase, it is closed as idle once
 * a saturated server's keep-alives to it lag past 15 s. (The {@code erg_sessions} metric is not
 * used: it reads NaN once its gauge's supplier has been collected.)
 */
final class ServerUnderTest implements AutoCloseable {

    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private final Process process;
    private final SturdyRef counter;
    private final CapTpClient adminClient;
    private final SturdyRef adminRef;

    private ServerUnderTest(Process process, SturdyRef counter, CapTpClient adminClient, SturdyRef adminRef) {
        this.process = process;
        this.counter = counter;
        this.adminClient = adminClient;
        this.adminRef = adminRef;
    }

    /** Starts a server on a new data directory at {@code dataDir}, with {@code jvmOptions}; its log goes to {@code log}. */
    static ServerUnderTest start(Path dataDir, Path log, List<String> jvmOptions) throws IOException, SetupException {
        // Every client process dials from 127.0.0.1: the per-address cap is raised to the total.
        DataDir dir = DataDir.init(dataDir, """
                listen = 127.0.0.1:0
                service.counter = counter
                peers.connections.per-address = 16384
                """, null);
        List<String> command = new ArrayList<>(List.of(SessionsBench.java(),
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", SessionsBench.classPath(), VatServerMain.class.getName(),
                "run", "--data", dataDir.toString()));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null) {
                throw new IOException("the server exited before printing its sturdy ref; see " + log);
            }
            PassableRegistry.Builder registry = PassableRegistry.builder();
            AdminProtocol.PASSABLES.forEach(registry::add);
            CapTpClient client = CapTpClient.start(registry.build(), Duration.ofSeconds(60));
            try {
                SturdyRef adminRef = SturdyRef.parse(Files.readString(dir.adminRefFile(), StandardCharsets.UTF_8).strip());
                ServerUnderTest server = new ServerUnderTest(process, SturdyRef.parse(line), client, adminRef);
                server.sessions(); // opens the session held throughout, before any measurement
                return server;
            } catch (IOException | RuntimeException e) {
                client.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The sturdy ref of the counter. */
    SturdyRef counter() {
        return counter;
    }

    /** Live CapTP sessions, not counting the one this object holds to ask. */
    int sessions() {
        return (int) adminClient.await(adminClient.connect(adminRef, Admin.class).status()).sessions() - 1;
    }

    /** The server's live objects after a full collection: bytes in all, and bytes per class. */
    Heap heap() throws IOException, InterruptedException {
        String histogram = jcmd("GC.class_histogram");
        Matcher total = TOTAL.matcher(histogram);
        if (!total.find()) {
            throw new IOException("no Total in the class histogram:\n" + histogram);
        }
        Map<String, Long> byClass = new LinkedHashMap<>();
        for (String row : histogram.split("\n")) {
            Matcher m = HISTOGRAM_ROW.matcher(row);
            if (m.matches()) {
                byClass.merge(m.group(3), Long.parseLong(m.group(2)), Long::sum);
            }
        }
        return new Heap(Long.parseLong(total.group(2)), byClass);
    }

    /** The server's resident memory, in bytes, or -1 where {@code /proc} does not say. */
    long residentBytes() throws IOException {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    /** The CPU time the server has used so far, in nanoseconds. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** Live threads of the server. */
    int threads() throws IOException, InterruptedException {
        return (int) jcmd("Thread.print").lines().filter(l -> l.startsWith("\"")).count();
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()), command).redirectErrorStream(true).start();
        byte[] output = jcmd.getInputStream().readAllBytes();
        if (!jcmd.waitFor(120, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IOException("jcmd " + command + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    /** Stops the server with SIGTERM, as its users would; kills it if it takes longer than 60 s. */
    @Override
    public void close() throws InterruptedException {
        adminClient.close();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /**
     * Live objects after a full collection.
     *
     * @param bytes   all of them
     * @param byClass bytes per class name
     */
    record Heap(long bytes, Map<String, Long> byClass) {
    }
}
