package dev.erg.server.cli;

import dev.erg.captp.SturdyRef;
import dev.erg.server.JavaProcess;
import dev.erg.server.VatServerMain;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.config.SetupException;
import dev.erg.server.host.HostedService;
import dev.erg.server.host.VatServer;
import dev.erg.server.services.Counter;
import dev.erg.server.services.Greeter;
import dev.erg.server.store.DataDir;
import dev.erg.vat.Promise;
import dev.erg.wire.PassableRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vat-server train}: runs a server's common paths on loopback for a while, so that a JVM
 * recording what it loads and how its methods run ({@code -XX:AOTCacheOutput}) can make the
 * cache later servers start from. The launcher runs it once after each build. The client runs
 * in a JVM of its own, started here: the profiles recorded are then a server's alone, and
 * a server starting from them compiles its call path sooner (a client's in the same JVM made
 * profiles that held a server back).
 */
@Command(name = "train",
        description = {
                "Runs a server in a throwaway data directory and a client calling its sample services over"
                        + " TLS on loopback, many calls outstanding, then stops and removes the directory.",
                "The launcher runs it once after each build under -XX:AOTCacheOutput: servers then start"
                        + " from that cache, with their classes loaded and their methods' profiles known.",
                "The client runs in a JVM of its own, so that what this one records is a server's."})
final class TrainCommand implements Callable<Integer> {

    /** Calls sent before waiting for the last of them: enough to exercise the batched paths. */
    static final int BURST = 200;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How the client's half reports the calls it made. */
    private static final Pattern CALLS = Pattern.compile("^trained-calls: (\\d{1,18})$", Pattern.MULTILINE);

    private final Launch launch;

    @Option(names = "--seconds", paramLabel = "SECONDS", defaultValue = "6",
            description = "How long the client calls (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--client-of", paramLabel = "SERVICE=STURDYREF", hidden = true,
            description = "The client's half only, calling these services; run by the server's half.")
    Map<String, String> clientOf = Map.of();

    TrainCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws SetupException, IOException {
        if (seconds < 1 || seconds > 600) {
            throw new SetupException("--seconds: " + seconds + " (expected: 1 to 600)");
        }
        if (!clientOf.isEmpty()) {
            launch.out().println("trained-calls: " + callAsClient());
            return 0;
        }
        Map<String, String> services = new LinkedHashMap<>();
        for (String maker : new String[] {InitCommand.SAMPLE, "greeter"}) {
            if (launch.makers().maker(maker).isPresent()) {
                services.put(maker, maker);
            }
        }
        Path scratch = Files.createTempDirectory("erg-train-");
        DataDir dir = DataDir.init(scratch.resolve("data"), configText(services), null);
        long calls;
        try (VatServer server = VatServer.start(dir, null, launch.makers(), launch.env())) {
            calls = server.services().isEmpty() ? 0 : runClient(server.services(), scratch);
        } finally {
            DataDir.deleteTree(scratch);
        }
        launch.err().printf("vat-server: trained on %,d calls in %d s%n", calls, seconds);
        return 0;
    }

    /**
     * Runs the client's half in a JVM of its own, calling {@code services}, its output kept in
     * {@code scratch}; returns the calls it made.
     */
    private long runClient(List<HostedService> services, Path scratch) throws SetupException, IOException {
        List<String> command = JavaProcess.command(List.of(), VatServerMain.class);
        command.addAll(List.of("train", "--seconds=" + seconds));
        for (HostedService service : services) {
            command.add("--client-of=" + service.name() + "=" + service.sturdyRef());
        }
        Path log = scratch.resolve("client.log");
        Process client = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited;
        try {
            exited = client.waitFor(seconds + TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        } finally {
            client.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Matcher calls = CALLS.matcher(output);
        if (!exited || client.exitValue() != 0 || !calls.find()) {
            throw new SetupException("the training client " + (exited ? "failed (status " + client.exitValue() + ")"
                    : "did not exit") + "; its output:\n" + output.strip());
        }
        return Long.parseLong(calls.group(1));
    }

    /** The client's half: calls the services named by {@link #clientOf} for {@link #seconds}; returns the calls made. */
    private long callAsClient() throws SetupException, IOException {
        try (CapTpClient client = CapTpClient.start(PassableRegistry.builder().build(), TIMEOUT)) {
            Counter counter = null;
            Greeter greeter = null;
            for (Map.Entry<String, String> service : clientOf.entrySet()) {
                String name = service.getKey();
                if (!name.equals(InitCommand.SAMPLE) && !name.equals("greeter")) {
                    throw new SetupException("--client-of: no service " + name + " to call");
                }
                SturdyRef ref;
                try {
                    ref = SturdyRef.parse(service.getValue());
                } catch (IllegalArgumentException e) {
                    throw new SetupException("--client-of: " + e.getMessage());
                }
                if (name.equals(InitCommand.SAMPLE)) {
                    counter = client.connect(ref, Counter.class);
                } else {
                    greeter = client.connect(ref, Greeter.class);
                }
            }
            return exercise(counter, greeter, client, Duration.ofSeconds(seconds));
        }
    }

    private static String configText(Map<String, String> services) {
        StringBuilder text = new StringBuilder("listen = 127.0.0.1:0\n");
        services.forEach((name, maker) -> text.append("service.").append(name).append(" = ").append(maker).append('\n'));
        return text.toString();
    }

    /** Calls the counter and greeter, either of which may be null, in bursts until {@code length} has passed; returns the calls made. */
    private static long exercise(Counter counter, Greeter greeter, CapTpClient client, Duration length) {
        long calls = 0;
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            Promise<Long> counted = null;
            Promise<String> greeted = null;
            for (int i = 0; i < BURST; i++) {
                if (counter != null) {
                    counted = counter.increment(1);
                    calls++;
                }
                if (greeter != null) {
                    greeted = greeter.greet("Ada");
                    calls++;
                }
            }
            // Answers from one target come in the order of its calls: the last of each says the burst is done.
            if (counted != null) {
                client.await(counted);
            }
            if (greeted != null) {
                client.await(greeted);
            }
        }
        return calls;
    }
}
