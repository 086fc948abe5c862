package dev.erg.server.inspect;

import dev.erg.server.client.CapTpClient;
import dev.erg.server.config.SetupException;
import dev.erg.server.host.ServiceRegistry;
import dev.erg.server.host.VatServer;
import dev.erg.server.services.Counter;
import dev.erg.server.services.CounterMaker;
import dev.erg.server.services.Greeter;
import dev.erg.server.services.GreeterMaker;
import dev.erg.server.store.DataDir;
import dev.erg.vat.ProblemException;
import dev.erg.wire.PassableRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A vat-server with an inspector and steady traffic, for the browser test of the inspector
 * page ({@code vat-server/src/test/browser}): it starts a server in the directory given, a
 * client that keeps calling its counter and greeter over one session, prints
 * {@code inspector URL} on stdout, and stops, in order, when stdin ends.
 */
public final class InspectorTraffic {

    private static final Duration PACE = Duration.ofMillis(50);

    private InspectorTraffic() {
    }

    public static void main(String[] args) throws IOException, SetupException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: InspectorTraffic DIRECTORY");
            System.exit(2);
        }
        DataDir dir = DataDir.init(Path.of(args[0]).resolve("data"), """
                listen = 127.0.0.1:0
                inspector.port = 0
                service.counter = counter
                service.hello = greeter
                """, null);
        ServiceRegistry makers = ServiceRegistry.of(List.of(new CounterMaker(), new GreeterMaker()));
        try (VatServer server = VatServer.start(dir, null, makers);
             CapTpClient client = CapTpClient.start(PassableRegistry.builder().build(), Duration.ofSeconds(30))) {
            Counter counter = client.connect(server.services().get(0).sturdyRef(), Counter.class);
            Greeter greeter = client.connect(server.services().get(1).sturdyRef(), Greeter.class);
            Thread traffic = Thread.ofPlatform().daemon().name("traffic").start(() -> call(client, counter, greeter));
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.println("inspector " + server.inspectorUrl().orElseThrow());
            while (System.in.read() >= 0) {
                // Only the end of stdin matters.
            }
            traffic.interrupt();
        }
    }

    /** Calls until interrupted, a call at a time, at a pace a page can follow. */
    private static void call(CapTpClient client, Counter counter, Greeter greeter) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                client.await(counter.increment(1));
                client.await(greeter.greet("Ada"));
                Thread.sleep(PACE);
            }
        } catch (InterruptedException | ProblemException stopping) {
            // The server is stopping: the traffic ends with it.
        }
    }
}
