package dev.erg.server.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.captp.SturdyRef;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.services.Counter;
import dev.erg.server.services.CounterMaker;
import dev.erg.server.services.Greeter;
import dev.erg.server.spi.Descriptions;
import dev.erg.server.spi.Network;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.server.store.DataDir;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.wire.PassableRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service calls another server, and offers objects of its own, through its {@link Network}. */
class NetworkTest {

    private final RelayMaker relayMaker = new RelayMaker();
    private final ServiceRegistry makers = ServiceRegistry.of(List.of(new CounterMaker(), relayMaker));

    @TempDir
    Path tmp;

    @Test
    void aServiceCallsAnotherServerAndOffersItsObjectsBySturdyRef() throws Exception {
        DataDir a = DataDir.init(tmp.resolve("a"), "listen = 127.0.0.1:0\nservice.relay = relay\n", null);
        DataDir b = DataDir.init(tmp.resolve("b"), "listen = 127.0.0.1:0\nservice.counter = counter\n", null);
        try (VatServer relayServer = VatServer.start(a, null, makers);
             VatServer counterServer = VatServer.start(b, null, makers);
             CapTpClient client = CapTpClient.start(PassableRegistry.empty(), Duration.ofSeconds(15))) {
            Relay relay = client.connect(relayServer.services().getFirst().sturdyRef(), Relay.class);
            SturdyRef counterRef = counterServer.services().getFirst().sturdyRef();

            assertThat(client.await(relay.increment(counterRef.toString(), 5))).isEqualTo(5L);
            assertThat(client.await(client.connect(counterRef, Counter.class).value()))
                    .as("the relay's call reached the other server").isEqualTo(5L);

            SturdyRef offered = SturdyRef.parse(client.await(relay.offer("Hi,")));
            assertThat(offered.vatId()).isEqualTo(a.vatId());
            assertThat(offered.hints()).singleElement().extracting(h -> h.getPort())
                    .isEqualTo(relayServer.address().getPort());
            assertThat(client.await(client.connect(offered, Greeter.class).greet("Ada"))).isEqualTo("Hi, Ada");

            assertThat(client.await(relay.revoke(offered.toString()))).isTrue();
            assertThat(client.await(relay.revoke(offered.toString()))).isFalse();
            assertThatThrownBy(() -> client.connect(offered, Greeter.class)).isInstanceOf(ProblemException.class);
        }
    }

    @Test
    void aSturdyRefIsOnlyForEventualReferences() throws Exception {
        DataDir a = DataDir.init(tmp.resolve("a"), "listen = 127.0.0.1:0\nservice.relay = relay\n", null);
        VatServer server = VatServer.start(a, null, makers);
        try {
            assertThatThrownBy(() -> relayMaker.network.sturdyRef(new Object()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not an eventual reference");
        } finally {
            server.close();
        }
    }

    /** Makes {@link Relay}s, as the maker {@code relay}. */
    private static final class RelayMaker implements ServiceMaker {

        /** The network the last relay made was given. */
        volatile Network network;

        @Override
        public String name() {
            return "relay";
        }

        @Override
        public Object make(ServiceContext context) {
            network = context.network();
            Vat vat = context.vat();
            return vat.export(new Relay() {
                @Override
                public Promise<Long> increment(String counterRef, long by) {
                    return context.network().connect(SturdyRef.parse(counterRef), Counter.class)
                            .thenCompose(counter -> counter.increment(by));
                }

                @Override
                public Promise<String> offer(String greeting) {
                    Greeter greeter = vat.export(new Greeter() {
                        @Override
                        public Promise<String> greet(String name) {
                            return Promise.of(greeting + " " + name);
                        }

                        @Override
                        public Promise<List<Map<String, Object>>> describe() {
                            return Promise.of(Descriptions.of(Greeter.class));
                        }
                    }, Greeter.class);
                    return Promise.of(context.network().sturdyRef(greeter).toString());
                }

                @Override
                public Promise<Boolean> revoke(String sturdyRef) {
                    return Promise.of(context.network().revoke(SturdyRef.parse(sturdyRef)));
                }
            }, Relay.class);
        }
    }
}
