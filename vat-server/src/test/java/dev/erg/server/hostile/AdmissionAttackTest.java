package dev.erg.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.server.hostile.WireClient.Outcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers that try what a listening port admits (spec sections 2, 8 and 10), against a server
 * whose {@code peers.*} bounds are small: each is refused as the spec says, a fresh client is
 * then served and a neighbour's calls go on.
 */
class AdmissionAttackTest {

    private static final int PER_ADDRESS = 6;
    private static final int PARTIAL_FRAME_BYTES = 1_500_000;

    @TempDir
    static Path tmp;

    private static HostileServer server;
    private Neighbour neighbour;

    @BeforeAll
    static void start() throws Exception {
        server = HostileServer.start(tmp.resolve("server"), """
                peers.connections.per-address = %d
                peers.partial-frames.bytes = %d
                """.formatted(PER_ADDRESS, PARTIAL_FRAME_BYTES));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void neighbour() throws Exception {
        neighbour = Neighbour.beside(server);
    }

    @AfterEach
    void healthy() throws Exception {
        server.assertHealthy();
        neighbour.close();
    }

    @Test
    void aClientOfferingNoAlpnIsClosedAfterTls() throws Exception {
        try (WireClient client = server.dialGreeter().offering().open()) {
            assertThat(client.applicationProtocol()).as("no protocol was selected").isEmpty();
            assertThat(client.framesUntilClosed()).as("frames before the server closed").isZero();
        }
    }

    @Test
    void aClientOfferingOnlyOtherProtocolsFailsTheHandshake() {
        assertThatThrownBy(() -> server.dialGreeter().offering("http/1.1", "h2").open())
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("no_application_protocol");
    }

    @Test
    void aServerNameOfAVatNotHostedFailsTheHandshake() {
        byte[] nobody = new byte[32];
        new Random(7).nextBytes(nobody);
        InetSocketAddress at = HostileServer.dial(server.greeter()).at();
        assertThatThrownBy(() -> WireClient.Dial.to(at, nobody).open())
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("unrecognized_name");
    }

    @Test
    void guessingSwissNumbersIsThrottledPerAddress() throws Exception {
        HostileServer.Greeting greeting = server.greet();
        try (WireClient client = greeting.client()) {
            SecureRandom random = new SecureRandom();
            byte[] known = server.greeter().swiss().bytes();
            List<CompletableFuture<Outcome>> guesses = new ArrayList<>();
            List<CompletableFuture<Outcome>> knowns = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] guess = new byte[32];
                random.nextBytes(guess);
                guesses.add(client.call(Cbor.tag(Cbor.EXPORT, 0L), "fetch", (Object) guess));
                if (i >= 100 && i % 10 == 0) {
                    knowns.add(client.call(Cbor.tag(Cbor.EXPORT, 0L), "fetch", (Object) known));
                }
            }
            long start = System.nanoTime();
            List<String> kinds = new ArrayList<>();
            for (CompletableFuture<Outcome> guess : guesses) {
                Outcome outcome = guess.get(10, TimeUnit.SECONDS);
                assertThat(outcome.broken()).as("a guess").isTrue();
                kinds.add(outcome.problemKind());
            }
            double seconds = (System.nanoTime() - start) / 1e9 + 1;
            assertThat(kinds).containsOnly("NotFound", "Throttled").contains("Throttled");
            assertThat(kinds.stream().filter("NotFound"::equals).count())
                    .as("lookups made: a burst of 20, then 20 a second").isLessThanOrEqualTo(20 + (long) (20 * seconds));
            List<String> knownKinds = new ArrayList<>();
            for (CompletableFuture<Outcome> fetch : knowns) {
                Outcome outcome = fetch.get(10, TimeUnit.SECONDS);
                knownKinds.add(outcome.broken() ? outcome.problemKind() : "found");
            }
            assertThat(knownKinds).as("a known number among the guesses, once throttled").contains("Throttled");

            Thread.sleep(1_100);
            Outcome later = client.call(Cbor.tag(Cbor.EXPORT, 0L), "fetch", (Object) known)
                    .get(10, TimeUnit.SECONDS);
            assertThat(later.broken()).as("a known number once the allowance refilled: " + later).isFalse();
        }
    }

    @Test
    void connectionsFromOneAddressAreCapped() throws Exception {
        List<Socket> held = new ArrayList<>();
        InetSocketAddress at = HostileServer.dial(server.greeter()).at();
        try {
            // The neighbour holds one connection from this address already.
            for (int i = 1; i < PER_ADDRESS; i++) {
                Socket socket = new Socket();
                socket.connect(at, 5_000);
                held.add(socket);
            }
            awaitAccepted(held);
            assertThatThrownBy(() -> server.dialGreeter().open())
                    .as("one connection more than %d from this address", PER_ADDRESS)
                    .isInstanceOf(IOException.class);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        awaitServed();
    }

    @Test
    void partialFramesShareOneBudget() throws Exception {
        int announced = 1_000_000;
        byte[] header = ByteBuffer.allocate(4 + 100).putInt(announced).array();
        HostileServer.Greeting holder = server.greet();
        try (WireClient first = holder.client(); WireClient second = server.dialGreeter().open()) {
            first.sendRaw(header);
            second.startSession();
            // The first frame's header may not have been read yet: the second waits for it.
            Thread.sleep(200);
            second.sendRaw(header);
            assertThat(second.abortThenClose()).startsWith("limit: ");
        }
    }

    /** Waits until the server has surely accepted {@code sockets}: each is open and not yet closed by it. */
    private static void awaitAccepted(List<Socket> sockets) throws InterruptedException {
        Thread.sleep(300);
        for (Socket socket : sockets) {
            assertThat(socket.isConnected()).isTrue();
        }
    }

    /** Waits until a fresh client is served again, once the held connections are seen closed. */
    private static void awaitServed() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                server.assertHealthy();
                return;
            } catch (IOException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(100);
            }
        }
    }
}
