package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.stream.SendPort;
import dev.erg.stream.StreamReader;
import dev.erg.stream.StreamWriter;
import dev.erg.stream.Window;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streams between two nodes over TLS leave nothing behind in either session once they end. */
class StreamsOverTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int STREAMS = 40;

    /** Bob's object: writes numbers into the streams it is handed. */
    public interface Numbers {
        Promise<Long> send(SendPort<Long> port, int count);
    }

    static final class Counting implements Numbers {
        @Override
        public Promise<Long> send(SendPort<Long> port, int count) {
            StreamWriter<Long> writer = StreamWriter.to(port, Long.class);
            for (long i = 0; i < count; i++) {
                writer.write(i);
            }
            return writer.close(null);
        }
    }

    private final VatRuntime runtime = VatRuntime.create();
    private Node alice;
    private Node bob;

    @AfterEach
    void close() {
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
        runtime.close();
    }

    @Test
    void endedStreamsReleaseTheCapabilitiesTheirEndsHeldOfEachOther() throws Exception {
        alice = Node.start(Peers.identity(61), runtime, NetConfig.defaults(), PassableRegistry.empty());
        bob = Node.start(Peers.identity(62), runtime, NetConfig.defaults(), PassableRegistry.empty());
        bob.listen(Peers.LOOPBACK_ANY_PORT);
        SturdyRef ref = bob.sturdyRef(runtime.newVat("bob").export(new Counting(), Numbers.class), null);
        Numbers numbers = alice.connect(ref, Numbers.class).join(WAIT);
        int bobExportsBefore = exports(bob);
        int aliceExportsBefore = exports(alice);

        Vat reading = runtime.newVat("alice");
        List<Promise<Object>> ends = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            ends.add(reading.callPromise(() -> {
                StreamReader<Long> reader = StreamReader.open(Long.class, Window.fixed(4, 1 << 20));
                numbers.send(reader.sendPort(), 25);
                return reader.forEach(n -> { });
            }));
        }
        for (Promise<Object> end : ends) {
            end.join(WAIT);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((exports(bob) > bobExportsBefore || exports(alice) > aliceExportsBefore) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(exports(bob)).as("bob's exports: the writers' credit capabilities").isEqualTo(bobExportsBefore);
        assertThat(exports(alice)).as("alice's exports: the readers' ports and inlets").isEqualTo(aliceExportsBefore);
    }

    private static int exports(Node node) {
        return node.peers().stream().mapToInt(PeerStatus::exports).sum();
    }
}
