package dev.erg.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.server.host.ServiceRegistry;
import dev.erg.server.host.VatServer;
import dev.erg.server.services.CounterMaker;
import dev.erg.server.services.GreeterMaker;
import dev.erg.server.store.DataDir;
import dev.erg.server.hostile.WireClient.Dial;
import dev.erg.server.hostile.WireClient.Outcome;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A vat-server started in-process, hosting a counter and a greeter, for hostile peers to
 * attack; {@code extraConfig} adds configuration lines (the {@code peers.*} bounds).
 */
final class HostileServer implements AutoCloseable {

    private static final ServiceRegistry MAKERS = ServiceRegistry.of(List.of(new CounterMaker(), new GreeterMaker()));

    private final VatServer server;

    private HostileServer(VatServer server) {
        this.server = server;
    }

    static HostileServer start(Path dir, String extraConfig) throws Exception {
        DataDir data = DataDir.init(dir, """
                listen = 127.0.0.1:0
                service.counter = counter
                service.hello = greeter
                """ + extraConfig, null);
        return new HostileServer(VatServer.start(data, null, MAKERS));
    }

    SturdyRef counter() {
        return server.services().get(0).sturdyRef();
    }

    SturdyRef greeter() {
        return server.services().get(1).sturdyRef();
    }

    /** Dials the vat that hosts the greeter; the counter's vat is another. */
    Dial dialGreeter() {
        return dial(greeter());
    }

    static Dial dial(SturdyRef ref) {
        InetSocketAddress hint = ref.hints().getFirst();
        return Dial.to(new InetSocketAddress("127.0.0.1", hint.getPort()), ref.vatId().bytes());
    }

    /** A client with a session, the greeter fetched at the import position it answers. */
    record Greeting(WireClient client, long greeter) {
    }

    /** Opens a session with the greeter's vat and fetches the greeter. */
    Greeting greet() throws Exception {
        WireClient client = dialGreeter().open();
        client.startSession();
        return new Greeting(client, client.fetch(greeter().swiss().bytes()));
    }

    /** A fresh client still gets a session, fetches the greeter and is greeted. */
    void assertHealthy() throws Exception {
        Greeting greeting = greet();
        try (WireClient client = greeting.client()) {
            Outcome outcome = client.call(Cbor.tag(Cbor.EXPORT, greeting.greeter()), "greet", "Ada").get(10, TimeUnit.SECONDS);
            assertThat(outcome).as("a fresh client's greeting").isEqualTo(new Outcome(false, "Hello, Ada!"));
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
