package dev.erg.server.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The receiving side of durable streams, fed letters by hand as a writer, honest or not, would
 * send them: what reaches the receiving object, and what is refused.
 */
class InletTest {

    /** A receiving object that keeps every event it hears, as text. */
    public interface Log {
        Promise<List<String>> events();
    }

    record LogState(List<String> events) {
    }

    static final class LogCode implements Log, StreamSink {
        private final Self<LogState> self;

        LogCode(Self<LogState> self) {
            this.self = self;
        }

        @Override
        public void receive(StreamEvent event) {
            List<String> events = new ArrayList<>(self.state().events());
            events.add(event.toString().replaceAll("stream=\\d+, ", ""));
            self.update(new LogState(events));
        }

        @Override
        public Promise<List<String>> events() {
            return Promise.of(self.state().events());
        }
    }

    static final Kind<LogState, Log> LOG = new Kind<>("log", LogState.class, Log.class, LogCode::new);

    /** The incarnation of the writer's start that the letters come from. */
    private static final String START = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";
    private static final String STREAM = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;

    private final VatIdentity identity = VatIdentity.generate(new SecureRandom());
    private final StateCodec codec = new StateCodec();
    private final SwissNumber logSwiss = SwissNumber.random(new SecureRandom());
    private final byte[] secret = new byte[Inlets.SECRET_BYTES];
    private final List<AutoCloseable> opened = new ArrayList<>();
    private VatRuntime runtime;
    private Vat vat;
    private DurableHost host;
    private Log log;
    private Node node;
    private Mailbox mailbox;
    private long seq;

    @BeforeEach
    void start() throws Exception {
        new SecureRandom().nextBytes(secret);
        runtime = VatRuntime.builder().build();
        vat = runtime.newVat("test");
        startHost();
    }

    private void startHost() throws Exception {
        host = DurableHost.open(Storage.sqlite(tmp.resolve("durable.db")), identity.vatId(), 8);
        opened.add(host);
        log = host.root("logs", vat, LOG, () -> new LogState(List.of()));
        PassableRegistry.Builder registry = PassableRegistry.builder();
        Mailbox.PASSABLES.forEach(registry::add);
        node = Node.start(identity, runtime, NetConfig.defaults(), registry.build());
        opened.add(node);
        InetSocketAddress at = node.listen(new InetSocketAddress("127.0.0.1", 0));
        node.reinstate(new SturdyRef(identity.vatId(), List.of(at), logSwiss), log);
        host.attach(node, List.of(at), runtime.newVat("mailbox"), runtime.newVat("outbox"));
        mailbox = (Mailbox) node.lookup(Mailbox.SWISS).orElseThrow();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        runtime.close();
    }

    /** Delivers the next letter of the writer's letter stream; answers the problem its receipt names, or null. */
    private Problem deliver(SwissNumber to, String method, Object... args) {
        Letter letter = new Letter(STREAM, "writer", 1, START, 0, ++seq, 0, to.text(), method, codec.encode(args));
        return vat.callPromise(() -> mailbox.deliver(letter)).join(Duration.ofSeconds(10)).problem();
    }

    private Problem openStream() {
        return deliver(logSwiss, Outlet.OPEN, HexFormat.of().formatHex(secret), "orders");
    }

    private SwissNumber inlet() {
        return Inlets.swiss(secret);
    }

    private List<String> events() {
        return vat.callPromise(log::events).join(Duration.ofSeconds(10));
    }

    @Test
    void anOpenedStreamHandsOnItsItemsInOrderAndRefusesAnyOtherNumberOrAnythingAfterItsEnd() {
        assertThat(openStream()).isNull();
        assertThat(deliver(inlet(), Inlet.ITEM, 1L, "first")).isNull();
        assertThat(deliver(inlet(), Inlet.ITEM, 3L, "skipped")).isEqualTo(new Problem(Problem.REFUSED, "item 3 came after item 1"));
        assertThat(deliver(inlet(), Inlet.ITEM, 1L, "again")).isEqualTo(new Problem(Problem.REFUSED, "item 1 came after item 1"));
        assertThat(deliver(inlet(), Inlet.ITEM, 2L, "second")).isNull();
        assertThat(deliver(inlet(), Inlet.CLOSE, 2L, "done")).isNull();
        assertThat(deliver(inlet(), Inlet.ITEM, 3L, "late"))
                .isEqualTo(new Problem(Problem.REFUSED, "item 3 came after the stream's end"));
        assertThat(events()).containsExactly("Opened[topic=orders]", "Item[seq=1, value=first]", "Item[seq=2, value=second]",
                "Closed[count=2, value=done]");
    }

    @Test
    void aStreamClosedAfterMoreItemsThanWereConsumedEndsAsFailedWithTheCount() {
        assertThat(openStream()).isNull();
        assertThat(deliver(inlet(), Inlet.ITEM, 1L, "first")).isNull();
        assertThat(deliver(inlet(), Inlet.CLOSE, 5L, "done")).isNull();
        assertThat(events()).last().isEqualTo(
                "Failed[count=1, reason=the writer ended the stream after 5 items, of which 1 were consumed]");
    }

    @Test
    void anOpeningRepeatedOrMalformedIsRefusedAndAnUnknownInletTakesNothing() {
        assertThat(openStream()).isNull();
        assertThat(openStream()).isEqualTo(new Problem(Problem.REFUSED, "this stream was opened already"));
        assertThat(deliver(logSwiss, Outlet.OPEN, "not hex", "orders").kind()).isEqualTo(Problem.REFUSED);
        assertThat(deliver(logSwiss, Outlet.OPEN, 7L).kind()).isEqualTo(Problem.REFUSED);
        assertThat(deliver(Inlets.swiss(new byte[Inlets.SECRET_BYTES]), Inlet.ITEM, 1L, "x").kind())
                .isEqualTo(Problem.NOT_CALLABLE);
        assertThat(deliver(logSwiss, Inlet.ITEM, 1L, "x").kind()).as("the receiving object itself has no item method")
                .isEqualTo(Problem.NOT_CALLABLE);
        assertThat(events()).containsExactly("Opened[topic=orders]");
    }

    /** The letters and inlet of spec/vectors/durable-streams.json, as this implementation makes and takes them. */
    @Test
    void theSpecificationsVectorsAreWhatAWriterSendsAndTheReceiverTakes() throws Exception {
        JsonNode vectors = JsonMapper.builder().build()
                .readTree(Path.of("..", "spec", "vectors", "durable-streams.json").toFile());
        for (JsonNode inlet : vectors.get("inlets")) {
            assertThat(Inlets.swiss(HexFormat.of().parseHex(inlet.get("secret").asString())).text())
                    .as(inlet.get("name").asString()).isEqualTo(inlet.get("inlet").asString());
        }
        List<String> methods = new ArrayList<>();
        for (JsonNode letter : vectors.get("letters")) {
            Object[] args = new Object[letter.get("args").size()];
            for (int i = 0; i < args.length; i++) {
                JsonNode arg = letter.get("args").get(i);
                args[i] = arg.isNumber() ? (Object) arg.asLong() : arg.asString();
            }
            assertThat(HexFormat.of().formatHex(codec.encode(args))).as(letter.get("name").asString())
                    .isEqualTo(letter.get("hex").asString());
            methods.add(letter.get("method").asString());
            SwissNumber to = letter.get("method").asString().equals(Outlet.OPEN) ? logSwiss
                    : Inlets.swiss(HexFormat.of().parseHex(vectors.get("letters").get(0).get("args").get(0).asString()));
            // A failure ends a stream instead of a close: its encoding is checked, and the close delivered.
            if (!letter.get("name").asString().equals("fail")) {
                assertThat(deliver(to, letter.get("method").asString(), args)).as(letter.get("name").asString()).isNull();
            }
        }
        assertThat(methods).containsExactly(Outlet.OPEN, Inlet.ITEM, Inlet.CLOSE, Inlet.FAIL);
        assertThat(events()).containsExactly("Opened[topic=orders]", "Item[seq=1, value=first]",
                "Closed[count=1, value=done]");
    }

    @Test
    void anInletIsNotOfferedOnTheNetworkAndKeepsItsPlaceAcrossARestart() throws Exception {
        assertThat(openStream()).isNull();
        assertThat(deliver(inlet(), Inlet.ITEM, 1L, "first")).isNull();
        assertThat(node.lookup(inlet())).isEmpty();

        host.close();
        node.close();
        startHost();
        assertThat(deliver(inlet(), Inlet.ITEM, 1L, "again")).isEqualTo(new Problem(Problem.REFUSED, "item 1 came after item 1"));
        assertThat(deliver(inlet(), Inlet.ITEM, 2L, "second")).isNull();
        assertThat(events()).containsExactly("Opened[topic=orders]", "Item[seq=1, value=first]", "Item[seq=2, value=second]");
    }
}
