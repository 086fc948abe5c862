package dev.erg.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that sends calls without reading their answers, past the 100,000 answers a session
 * may keep open (spec section 10): the server's abort must arrive behind the backlog of
 * answers it had queued, before the connection closes (section 3), and the server stays
 * healthy. The flood's 101,000 turns share the server's threads with the neighbour's vat, so
 * the neighbour is only held to answering every call, within 10 s at the 99th percentile.
 */
class BacklogAttackTest {

    @TempDir
    Path tmp;

    @Test
    void unpacedCallsPastTheAnswerLimitEndWithAnAbortBeforeTheClose() throws Exception {
        int calls = 101_000;
        try (HostileServer server = HostileServer.start(tmp.resolve("server"), "");
             WireClient client = server.dialGreeter().openUnread()) {
            Neighbour neighbour = Neighbour.beside(server);
            // start-session, then the greeter's fetch as question 0, then every call pipelined
            // to its answer, 40967(0), none of them freed with gc-answers: nothing waits for a reply.
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            frame(frames, Cbor.message(0, WireClient.ERG_1, client.vatId(), List.of()));
            frame(frames, WireClient.deliver(0, Cbor.tag(Cbor.EXPORT, 0L), "fetch", (Object) server.greeter().swiss().bytes()));
            for (long q = 1; q <= calls; q++) {
                frame(frames, WireClient.deliver(q, Cbor.tag(Cbor.ANSWER, 0L), "greet", "x"));
            }
            byte[] bytes = frames.toByteArray();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    client.sendRaw(bytes);
                } catch (IOException closedMeanwhile) {
                    // The server aborted and closed while the rest was on its way.
                }
            });
            writer.join(5_000);
            client.startReading();
            assertThat(client.abortThenClose()).startsWith("limit: answers");
            writer.join(5_000);
            server.assertHealthy();
            neighbour.closeWithin(Duration.ofSeconds(10));
        }
    }

    private static void frame(ByteArrayOutputStream out, Object message) {
        byte[] payload = Cbor.encode(message);
        out.writeBytes(ByteBuffer.allocate(4).putInt(payload.length).array());
        out.writeBytes(payload);
    }
}
