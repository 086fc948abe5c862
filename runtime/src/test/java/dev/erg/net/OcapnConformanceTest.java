package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.captp.session.Session;
import dev.erg.ocapn.captp.CaptpReader;
import dev.erg.ocapn.captp.Operation;
import dev.erg.ocapn.captp.OperationStream;
import dev.erg.ocapn.session.Counter;
import dev.erg.ocapn.session.Tally;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.WireLimits;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Erg nodes speaking OCapN's CapTP to each other over {@code tcp-testing-only} on
 * loopback: what an OCapN peer relies on, end to end over real sockets.
 */
class OcapnConformanceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final VatRuntime runtime = VatRuntime.create();
    private final Vat bobsVat = runtime.newVat("bob");
    private final Tally tally = new Tally();
    private OcapnNode alice;
    private OcapnNode bob;
    private String bobsLocator;
    private String tallyRef;

    @BeforeEach
    void start() throws InterruptedException {
        alice = OcapnNode.start(runtime, WireLimits.defaults());
        bob = OcapnNode.start(runtime, WireLimits.defaults());
        bobsLocator = bob.listen(new InetSocketAddress("127.0.0.1", 0));
        tallyRef = bob.sturdyRef(bobsVat.export(tally, Counter.class));
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        runtime.close();
    }

    @Test
    void anObjectIsFetchedBySturdyRefAndAnswersCalls() {
        assertThat(bobsLocator).startsWith("ocapn://").contains(".tcp-testing-only?host=127.0.0.1&port=");
        assertThat(tallyRef).startsWith(bobsLocator.substring(0, bobsLocator.indexOf('?')) + "/s/");
        Counter counter = alice.fetch(tallyRef, Counter.class).join(WAIT);
        assertThat(counter.add(40).join(WAIT)).isEqualTo(40L);
        assertThat(counter.add(2).join(WAIT)).isEqualTo(42L);
        assertThat(alice.sessionCount()).isEqualTo(1);
    }

    @Test
    void anObjectUnderAChosenSwissNumberIsFetchedByIt() {
        String ref = bob.sturdyRef(bobsVat.export(new Tally(), Counter.class), "JadQ0++RzsD4M+40uLxTWVaVqM10DcBJ");
        assertThat(ref).startsWith(bobsLocator.substring(0, bobsLocator.indexOf('?')) + "/s/JadQ0%2B%2B");
        Counter counter = alice.fetch(ref, Counter.class).join(WAIT);
        assertThat(counter.add(5).join(WAIT)).isEqualTo(5L);
        assertThatThrownBy(() -> bob.sturdyRef(tally, "has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bob.sturdyRef(tally, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alice.fetch(bobsLocator.replace("?", "/s/JadQ0?"), Counter.class).join(WAIT))
                .isInstanceOf(ProblemException.class).hasMessageContaining("no object is registered");
    }

    @Test
    void aSecondFetchReusesTheSession() {
        alice.fetch(tallyRef, Counter.class).join(WAIT);
        Counter again = alice.fetch(tallyRef, Counter.class).join(WAIT);
        assertThat(again.add(1).join(WAIT)).isEqualTo(1L);
        assertThat(alice.sessionCount()).isEqualTo(1);
        assertThat(bob.sessionCount()).isEqualTo(1);
    }

    @Test
    void anUnknownSwissNumberBreaksTheFetch() {
        String unknown = tallyRef.substring(0, tallyRef.indexOf("/s/") + 3) + "A".repeat(43)
                + tallyRef.substring(tallyRef.indexOf('?'));
        assertThatThrownBy(() -> alice.fetch(unknown, Counter.class).join(WAIT))
                .isInstanceOf(ProblemException.class).hasMessageContaining("no object is registered");
    }

    @Test
    void messagesArePipelinedToAnswersNotYetSettled() {
        Promise<Counter> counter = alice.fetch(tallyRef, Counter.class);
        Counter tallyRefd = counter.join(WAIT);
        Promise<Counter> sibling = tallyRefd.sibling();
        Counter pipelined = (Counter) dev.erg.vat.spi.Refs.asType(sibling, Counter.class);
        Promise<Long> first = pipelined.add(5);
        Promise<Long> second = pipelined.add(6);
        assertThat(second.join(WAIT)).isEqualTo(11L);
        assertThat(first.join(WAIT)).isEqualTo(5L);
    }

    @Test
    void aPromisePassedToThePeerSettlesThereWhenItResolvesHere() {
        Counter counter = alice.fetch(tallyRef, Counter.class).join(WAIT);
        Deferred<Object> later = Promise.defer();
        Promise<Object> echoed = counter.echo(later.promise());
        assertThat(echoed.isSettled()).isFalse();
        later.resolver().resolve("resolved at last");
        assertThat(echoed.join(WAIT)).isEqualTo("resolved at last");
    }

    @Test
    void aThrownProblemBreaksTheAnswerWithItsKindAndMessage() {
        Counter counter = alice.fetch(tallyRef, Counter.class).join(WAIT);
        Promise<Long> failed = counter.fail("not today");
        assertThatThrownBy(() -> failed.join(WAIT)).isInstanceOf(ProblemException.class);
        assertThat(Ref.problem(failed)).isEqualTo(new Problem(Problem.REFUSED, "not today"));
    }

    @Test
    void answersAndDroppedReferencesAreFreedOnBothSides() throws InterruptedException {
        Counter counter = alice.fetch(tallyRef, Counter.class).join(WAIT);
        Session bobs = bob.sessions().getFirst();
        int exportsBefore = bobs.tableSizes()[0];
        for (int i = 0; i < 50; i++) {
            Counter sibling = counter.sibling().join(WAIT);
            assertThat(sibling.add(1).join(WAIT)).isEqualTo(1L);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((bobs.tableSizes()[0] != exportsBefore || bobs.tableSizes()[3] != 0) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
            counter.note("tick");
        }
        assertThat(bobs.tableSizes()[0]).as("bob's exports, once alice dropped the siblings").isEqualTo(exportsBefore);
        assertThat(bobs.tableSizes()[3]).as("bob's answers").isZero();
    }

    @Test
    void garbageIsAnsweredWithAnAbortAndTheConnectionClosed() throws Exception {
        int port = Integer.parseInt(bobsLocator.substring(bobsLocator.indexOf("port=") + 5));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = readToEnd(socket.getInputStream());
            List<Operation> operations = new OperationStream(CaptpReader.plain(WireLimits.defaults()),
                    WireLimits.defaults()).feed(reply);
            assertThat(operations).hasSize(1);
            assertThat(((Operation.Abort) operations.getFirst()).reason()).startsWith("malformed: ");
        }
        Counter counter = alice.fetch(tallyRef, Counter.class).join(WAIT);
        assertThat(counter.add(1).join(WAIT)).as("the node serves others on").isEqualTo(1L);
    }

    @Test
    void twoNodesThatFetchFromEachOtherAtOnceKeepOneSession() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            try (OcapnNode x = OcapnNode.start(runtime, WireLimits.defaults());
                 OcapnNode y = OcapnNode.start(runtime, WireLimits.defaults())) {
                x.listen(new InetSocketAddress("127.0.0.1", 0));
                y.listen(new InetSocketAddress("127.0.0.1", 0));
                String xRef = x.sturdyRef(runtime.newVat("x").export(new Tally(), Counter.class));
                String yRef = y.sturdyRef(runtime.newVat("y").export(new Tally(), Counter.class));
                Promise<Counter> fromY = x.fetch(yRef, Counter.class);
                Promise<Counter> fromX = y.fetch(xRef, Counter.class);
                assertThat(fromY.join(WAIT).add(1).join(WAIT)).isEqualTo(1L);
                assertThat(fromX.join(WAIT).add(1).join(WAIT)).isEqualTo(1L);
                long deadline = System.nanoTime() + WAIT.toNanos();
                while ((x.sessionCount() != 1 || y.sessionCount() != 1) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(x.sessionCount()).isEqualTo(1);
                assertThat(y.sessionCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void aClosedPeerBreaksWhatIsOutstanding() {
        Counter counter = alice.fetch(tallyRef, Counter.class).join(WAIT);
        bob.close();
        Promise<Long> late = counter.add(1);
        assertThatThrownBy(() -> late.join(WAIT)).isInstanceOf(ProblemException.class);
        assertThat(Ref.problem(late).kind()).isEqualTo(Problem.UNAVAILABLE);
    }

    private static byte[] readToEnd(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }
}
