package dev.erg.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.net.OcapnNode;
import dev.erg.ocapn.captp.BreakReasons;
import dev.erg.ocapn.captp.Descriptor;
import dev.erg.ocapn.captp.LocatorUris;
import dev.erg.ocapn.captp.Operation;
import dev.erg.ocapn.captp.SturdyRefLocator;
import dev.erg.ocapn.syrup.Symbol;
import dev.erg.server.host.ServiceRegistry;
import dev.erg.server.host.VatServer;
import dev.erg.server.store.DataDir;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.WireLimits;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vat-server with {@code ocapn.interop = on}, called by an OCapN client (Erg's own
 * {@link OcapnNode}) as the public OCapN test suite calls it: each hosted object fetched by
 * its swiss number and called without a method symbol.
 */
class InteropServerTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** How long the suite's garbage collection tests wait for a gc operation. */
    private static final Duration SUITE_PATIENCE = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    private VatServer server;
    private final VatRuntime runtime = VatRuntime.create();
    private final Vat clientVat = runtime.newVat("client");
    private OcapnNode client;
    private String locator;

    @BeforeEach
    void start() throws Exception {
        DataDir dir = DataDir.init(tmp.resolve("data"), """
                listen = 127.0.0.1:0
                ocapn.listen = 127.0.0.1:0
                ocapn.netlayer = tcp-testing-only
                ocapn.interop = on
                """, null);
        server = VatServer.start(dir, null, ServiceRegistry.of(List.of()));
        locator = server.ocapnLocator().orElseThrow();
        client = OcapnNode.start(runtime, WireLimits.defaults());
        client.listen(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        client.close();
        runtime.close();
        server.close();
    }

    private Object fetch(String swiss) {
        String ref = locator.replace("?", "/s/" + swiss.replace("+", "%2B") + "?");
        return client.fetch(ref, Object.class).join(WAIT);
    }

    private static Object call(Object target, Object... args) {
        return Ref.send(target, "apply", List.of(args)).join(WAIT);
    }

    @Test
    void theLocatorIsAnOcapnNodeOnTheTestingNetlayer() {
        assertThat(locator).startsWith(LocatorUris.PREFIX).contains(".tcp-testing-only?host=127.0.0.1&port=");
    }

    @Test
    void theEchoAnswersItsArgumentsInOrder() {
        Object echo = fetch(InteropObjects.ECHO_GC);
        byte[] bar = {'b', 'a', 'r'};
        @SuppressWarnings("unchecked")
        List<Object> answered = (List<Object>) call(echo, "foo", 1L, false, bar, List.of("baz"));
        assertThat(answered).hasSize(5);
        assertThat(answered.subList(0, 3)).containsExactly("foo", 1L, false);
        assertThat((byte[]) answered.get(3)).isEqualTo(bar);
        assertThat(answered.get(4)).isEqualTo(List.of("baz"));
    }

    @Test
    void aCarIsBuiltAndDrivenThroughPipelinedCalls() {
        Object builder = fetch(InteropObjects.CAR_FACTORY_BUILDER);
        Promise<Object> factory = Ref.send(builder, "apply", List.of());
        Promise<Object> car = Ref.send(factory, "apply",
                List.of(List.of(List.of(new Symbol("red"), new Symbol("zoomracer")))));
        assertThat(Ref.send(car, "apply", List.of()).join(WAIT)).isEqualTo("Vroom! I am a red zoomracer car!");
    }

    @Test
    void aCarFactoryGivenNoCarsBreaksThePipelinedCalls() {
        Object builder = fetch(InteropObjects.CAR_FACTORY_BUILDER);
        Promise<Object> factory = Ref.send(builder, "apply", List.of());
        Promise<Object> car = Ref.send(factory, "apply", List.of(List.of(1L, 2L, 3L)));
        Promise<Object> drive = Ref.send(car, "apply", List.of());
        assertThatThrownBy(() -> drive.join(WAIT)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().message()).contains("[color model] pairs of symbols"));
    }

    @Test
    void theGreeterSendsHelloWithoutAMethodSymbol() throws InterruptedException {
        List<List<Object>> heard = new ArrayList<>();
        Procedure greeted = clientVat.export(args -> {
            synchronized (heard) {
                heard.add(args);
                heard.notifyAll();
            }
            return Promise.of(null);
        }, Procedure.class);
        call(fetch(InteropObjects.GREETER), greeted);
        synchronized (heard) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (heard.isEmpty() && System.nanoTime() < deadline) {
                heard.wait(100);
            }
            assertThat(heard).containsExactly(List.of("Hello"));
        }
    }

    @Test
    void thePromiseResolverHandsOutAPromiseAndItsResolver() {
        Object maker = fetch(InteropObjects.PROMISE_RESOLVER);
        List<?> pair = (List<?>) call(maker);
        Ref.send(pair.get(1), "fulfill", new Symbol("ok"));
        assertThat(pair.get(0)).isInstanceOf(Promise.class);
        assertThat(((Promise<?>) pair.get(0)).join(WAIT)).isEqualTo(new Symbol("ok"));

        List<?> other = (List<?>) call(maker);
        Ref.send(other.get(1), "break", new Symbol("oh-no"));
        assertThatThrownBy(() -> ((Promise<?>) other.get(0)).join(WAIT))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem()).isEqualTo(new Problem(BreakReasons.KIND, "5'oh-no")));
    }

    @Test
    void theEnlivenerFetchesTheObjectOfASturdyRefItIsGiven() {
        Procedure mine = clientVat.export(args -> Promise.of(List.of("mine", (long) args.size())), Procedure.class);
        SturdyRefLocator ref = LocatorUris.parseSturdyRef(client.sturdyRef(mine));
        Object enlivened = call(fetch(InteropObjects.STURDYREF_ENLIVENER), ref);
        assertThat(call(enlivened, "a", "b")).isEqualTo(List.of("mine", 2L));
    }

    @Test
    void theEchoDropsTheReferencesItIsGivenAndSaysSoWithinTheSuitesPatience() throws Exception {
        try (SuitePeer peer = SuitePeer.connect(locator)) {
            Descriptor echo = peer.fetch(InteropObjects.ECHO_GC);
            long once = peer.newImport();
            long fourTimes = peer.newImport();
            peer.send(new Operation.DeliverOnly(echo, List.of(new Descriptor.ImportObject(once))));
            peer.send(new Operation.DeliverOnly(echo, Collections.nCopies(4, new Descriptor.ImportObject(fourTimes))));
            Map<Long, Long> deltas = new HashMap<>();
            long deadline = System.nanoTime() + SUITE_PATIENCE.toNanos();
            while (!(deltas.getOrDefault(once, 0L) == 1 && deltas.getOrDefault(fourTimes, 0L) == 4)
                    && System.nanoTime() < deadline) {
                if (peer.next(Duration.ofNanos(deadline - System.nanoTime())) instanceof Operation.GcExports gc) {
                    for (int i = 0; i < gc.positions().size(); i++) {
                        deltas.merge(gc.positions().get(i), gc.deltas().get(i), Long::sum);
                    }
                }
            }
            assertThat(deltas).containsEntry(once, 1L).containsEntry(fourTimes, 4L);
        }
    }

    @Test
    void theGreetersAnswerIsFreedOnceTheGreetedObjectAnswers() throws Exception {
        try (SuitePeer peer = SuitePeer.connect(locator)) {
            Descriptor greeter = peer.fetch(InteropObjects.GREETER);
            long greeted = peer.newImport();
            peer.send(new Operation.DeliverOnly(greeter, List.of(new Descriptor.ImportObject(greeted))));
            Operation.Deliver greeting = null;
            long greetingDeadline = System.nanoTime() + WAIT.toNanos();
            while (greeting == null && System.nanoTime() < greetingDeadline) {
                if (peer.next(Duration.ofNanos(greetingDeadline - System.nanoTime())) instanceof Operation.Deliver d
                        && d.to().equals(new Descriptor.Export(greeted))) {
                    greeting = d;
                }
            }
            assertThat(greeting).as("the greeter's op:deliver to our object").isNotNull();
            assertThat(greeting.args()).containsExactly("Hello");
            long settler = ((Descriptor.ImportObject) greeting.resolveMe()).position();
            peer.send(new Operation.DeliverOnly(new Descriptor.Export(settler), List.of(new Symbol("fulfill"), "Hello")));
            boolean freed = false;
            long deadline = System.nanoTime() + SUITE_PATIENCE.toNanos();
            while (!freed && System.nanoTime() < deadline) {
                freed = peer.next(Duration.ofNanos(deadline - System.nanoTime())) instanceof Operation.GcAnswers gc
                        && gc.positions().contains(greeting.answerPosition());
            }
            assertThat(freed).as("op:gc-answer for the greeting's answer").isTrue();
        }
    }

    @Test
    void anObjectCalledWithTheWrongArgumentsBreaksOnlyItsAnswer() {
        Object enlivener = fetch(InteropObjects.STURDYREF_ENLIVENER);
        assertThatThrownBy(() -> call(enlivener, "not a sturdy ref")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("takes one ocapn-sturdyref");
        assertThatThrownBy(() -> call(fetch(InteropObjects.GREETER))).isInstanceOf(ProblemException.class)
                .hasMessageContaining("one reference to greet");
        assertThat(call(fetch(InteropObjects.ECHO_GC), 7L)).isEqualTo(List.of(7L));
    }
}
