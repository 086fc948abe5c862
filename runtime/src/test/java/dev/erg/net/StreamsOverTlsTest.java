package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.stream.SendPort;
import dev.erg.stream.StreamReader;
import dev.erg.stream.StreamWriter;
import dev.erg.stream.Window;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
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

    private TwoNodes nodes;

    @AfterEach
    void close() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void endedStreamsReleaseTheCapabilitiesTheirEndsHeldOfEachOther() throws Exception {
        nodes = new TwoNodes(61, 62);
        Node alice = nodes.alice;
        Node bob = nodes.bob;
        Numbers numbers = nodes.served(new Counting(), Numbers.class);
        int bobExportsBefore = exports(bob);
        int aliceExportsBefore = exports(alice);

        Vat reading = nodes.runtime.newVat("alice");
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
