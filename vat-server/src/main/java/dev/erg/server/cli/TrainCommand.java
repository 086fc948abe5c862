package dev.erg.server.cli;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vat-server train}: runs a server's common paths on loopback for a while, so that a JVM
 * recording what it loads and how its methods run ({@code -XX:AOTCacheOutput}) can make the
 * cache later servers start from. The launcher runs it once after each build.
 */
@Command(name = "train",
        description = {
                "Runs a server in a throwaway data directory and a client calling its sample services over"
                        + " TLS on loopback, many calls outstanding, then stops and removes the directory.",
                "The launcher runs it once after each build under -XX:AOTCacheOutput: servers then start"
                        + " from that cache, with their classes loaded and their methods' profiles known."})
final class TrainCommand implements Callable<Integer> {

    /** Calls sent before waiting for the last of them: enough to exercise the batched paths. */
    static final int BURST = 200;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Launch launch;

    @Option(names = "--seconds", paramLabel = "SECONDS", defaultValue = "6",
            description = "How long the client calls (default: ${DEFAULT-VALUE}).")
    int seconds;

    TrainCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws SetupException, IOException {
        if (seconds < 1 || seconds > 600) {
            throw new SetupException("--seconds: " + seconds + " (expected: 1 to 600)");
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
        try (VatServer server = VatServer.start(dir, null, launch.makers(), launch.env());
             CapTpClient client = CapTpClient.start(PassableRegistry.builder().build(), TIMEOUT)) {
            calls = exercise(server, client, Duration.ofSeconds(seconds));
        } finally {
            DataDir.deleteTree(scratch);
        }
        launch.err().printf("vat-server: trained on %,d calls in %d s%n", calls, seconds);
        return 0;
    }

    private static String configText(Map<String, String> services) {
        StringBuilder text = new StringBuilder("listen = 127.0.0.1:0\n");
        services.forEach((name, maker) -> text.append("service.").append(name).append(" = ").append(maker).append('\n'));
        return text.toString();
    }

    /** Calls the hosted counter and greeter in bursts until {@code length} has passed; returns the calls made. */
    private static long exercise(VatServer server, CapTpClient client, Duration length) {
        Counter counter = null;
        Greeter greeter = null;
        for (HostedService service : server.services()) {
            switch (service.name()) {
                case InitCommand.SAMPLE -> counter = client.connect(service.sturdyRef(), Counter.class);
                case "greeter" -> greeter = client.connect(service.sturdyRef(), Greeter.class);
                default -> { }
            }
        }
        if (counter == null && greeter == null) {
            return 0;
        }
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
