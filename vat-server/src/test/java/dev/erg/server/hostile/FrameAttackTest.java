package dev.erg.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames that break spec sections 3 to 7 on an established session: each is refused with an
 * {@code abort} whose reason starts with the code section 9.1 names, the connection then
 * closes, a fresh client is served and a neighbour's calls go on.
 */
class FrameAttackTest extends AttackFixture {

    private static final HexFormat HEX = HexFormat.of();


    /** Opens a session with the greeter's vat, sends {@code frame} raw, and answers the abort's reason. */
    private static String refusalOf(byte[] raw) throws Exception {
        try (WireClient client = server.dialGreeter().open()) {
            client.startSession();
            client.sendRaw(raw);
            return client.abortThenClose();
        }
    }

    private static String refusalOfPayload(String hex) throws Exception {
        byte[] payload = HEX.parseHex(hex);
        return refusalOf(java.nio.ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array());
    }

    private static String refusalOfMessage(Object message) throws Exception {
        return refusalOfPayload(HEX.formatHex(Cbor.encode(message)));
    }

    @Test
    void aFrameHeaderAboveTheLimitIsRefusedBeforeItsPayload() throws Exception {
        // 2^31 - 1 bytes announced, none sent: the abort must come from the header alone.
        assertThat(refusalOf(HEX.parseHex("7fffffff"))).startsWith("limit: ");
    }

    @Test
    void malformedCborIsRefused() throws Exception {
        assertThat(refusalOfPayload("ff")).as("a break outside an indefinite item").startsWith("malformed: ");
        assertThat(refusalOfPayload("d9a0")).as("a truncated tag head").startsWith("malformed: ");
        assertThat(refusalOfPayload("d9a0008262")).as("a text shorter than its head").startsWith("malformed: ");
    }

    @Test
    void anUnknownTagIsRefused() throws Exception {
        assertThat(refusalOfPayload("d863820300")).as("tag 99 around a message").startsWith("unknown-tag: ");
        assertThat(refusalOfMessage(Cbor.message(1, Cbor.tag(Cbor.EXPORT, 0L), "ping", List.of(Cbor.tag(99, "x")))))
                .as("tag 99 in deliver-only's arguments").startsWith("unknown-tag: ");
        assertThat(refusalOfMessage(Cbor.message(1, Cbor.tag(99, 0L), "ping", List.of())))
                .as("tag 99 as the target").startsWith("unknown-tag: ");
    }

    @Test
    void anUnknownOpIsRefused() throws Exception {
        assertThat(refusalOfMessage(Cbor.message(11, "x"))).startsWith("unknown-op: ");
        assertThat(refusalOfMessage(Cbor.message(1_000_000))).startsWith("unknown-op: ");
    }

    @Test
    void anArrayOfTheWrongLengthIsRefused() throws Exception {
        assertThat(refusalOfMessage(Cbor.message(3))).as("abort without a reason").startsWith("type-mismatch: ");
        assertThat(refusalOfMessage(Cbor.message(6, List.of(), List.of())))
                .as("gc-answers with a field too many").startsWith("type-mismatch: ");
    }
}
