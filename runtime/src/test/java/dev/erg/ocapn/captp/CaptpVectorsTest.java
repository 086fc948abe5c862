package dev.erg.ocapn.captp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.crypto.Signatures;
import dev.erg.ocapn.syrup.SyrupException;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.SpecVectors;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks {@code spec/vectors/ocapn/captp.json}, built from the CapTP draft's own examples: each
 * valid operation decodes and encodes back to its bytes, each invalid one is refused with its
 * code, and the ids and signatures in them are those the draft's rules give.
 */
class CaptpVectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private final CaptpReader reader = CaptpReader.plain(WireLimits.defaults());
    private final CaptpWriter writer = CaptpWriter.plain(WireLimits.defaults());

    @Test
    void validOperationsDecodeAndEncodeBackToTheirBytes() {
        List<Map<String, Object>> vectors = SpecVectors.vectors("ocapn/captp.json", "valid");
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(15);
        for (Map<String, Object> v : vectors) {
            byte[] bytes = HEX.parseHex((String) v.get("hex"));
            Operation op = reader.decode(bytes);
            assertThat(op.label()).as((String) v.get("name")).isEqualTo(v.get("label"));
            assertThat(writer.encode(op)).as((String) v.get("name")).isEqualTo(bytes);
        }
    }

    @Test
    void invalidOperationsAreRefusedWithTheirCode() {
        for (Map<String, Object> v : SpecVectors.vectors("ocapn/captp.json", "invalid")) {
            byte[] bytes = HEX.parseHex((String) v.get("hex"));
            assertThatThrownBy(() -> reader.decode(bytes)).as((String) v.get("name"))
                    .isInstanceOfSatisfying(SyrupException.class,
                            e -> assertThat(e.error().code()).isEqualTo(v.get("error")));
        }
    }

    @Test
    void publicAndSessionIdsFollowTheDraft() {
        Map<String, Object> keys = object("keys");
        Map<String, Object> ids = object("ids");
        byte[] gifter = HEX.parseHex((String) keys.get("gifterQ"));
        byte[] receiver = HEX.parseHex((String) keys.get("receiverQ"));
        assertThat(HEX.formatHex(SessionIds.publicId(gifter))).isEqualTo(ids.get("gifterPublicId"));
        assertThat(HEX.formatHex(SessionIds.publicId(receiver))).isEqualTo(ids.get("receiverPublicId"));
        assertThat(HEX.formatHex(SessionIds.sessionId(gifter, receiver))).isEqualTo(ids.get("sessionId"))
                .isEqualTo(HEX.formatHex(SessionIds.sessionId(receiver, gifter)));
        assertThat(SessionIds.oursWinsCrossedHellos(gifter, receiver))
                .isNotEqualTo(SessionIds.oursWinsCrossedHellos(receiver, gifter));
    }

    @Test
    void theStartSessionLocationIsSignedByTheSessionKey() {
        Operation.StartSession start = (Operation.StartSession) reader.decode(valid("op:start-session, signed location"));
        assertThat(start.version()).isEqualTo(Operation.StartSession.VERSION);
        assertThat(start.location().hints()).containsEntry("port", "22045");
        assertThat(Signatures.verify(start.sessionKey(), CaptpWriter.encodeLocation(start.location()),
                start.locationSignature())).isTrue();
    }

    @Test
    void theHandoffCertificatesAreSignedByTheKeysTheDraftNames() {
        Operation.Deliver withdraw = (Operation.Deliver) reader.decode(
                valid("op:deliver: withdraw-gift with a signed desc:handoff-receive"));
        SigEnvelope signedReceive = (SigEnvelope) withdraw.args().get(1);
        HandoffReceive receive = (HandoffReceive) signedReceive.signed();
        HandoffGive give = (HandoffGive) receive.signedGive().signed();
        byte[] gifterKey = HEX.parseHex((String) object("keys").get("gifterQ"));
        assertThat(Signatures.verify(gifterKey, CaptpWriter.encodeSigned(give), receive.signedGive().signature()))
                .isTrue();
        assertThat(Signatures.verify(give.receiverKey(), CaptpWriter.encodeSigned(receive), signedReceive.signature()))
                .isTrue();
        assertThat(give.gifterSide()).isEqualTo(SessionIds.publicId(gifterKey));
        assertThat(give.giftId()).isEqualTo(new GiftId.Numbered(42));
        assertThat(receive.handoffCount()).isZero();
    }

    @Test
    void aGiftIdMayBeAByteString() {
        Operation.DeliverOnly deposit = (Operation.DeliverOnly) reader.decode(
                valid("op:deliver-only: deposit-gift with a byte-string gift id"));
        assertThat((byte[]) deposit.args().get(1)).asString().isEqualTo("my-gift");
        Operation.Deliver withdraw = (Operation.Deliver) reader.decode(
                valid("op:deliver: withdraw-gift whose desc:handoff-give has a byte-string gift id"));
        SigEnvelope signedReceive = (SigEnvelope) withdraw.args().get(1);
        HandoffReceive receive = (HandoffReceive) signedReceive.signed();
        HandoffGive give = (HandoffGive) receive.signedGive().signed();
        assertThat(give.giftId()).isEqualTo(new GiftId.Named("my-gift".getBytes(StandardCharsets.US_ASCII)));
        byte[] gifterKey = HEX.parseHex((String) object("keys").get("gifterQ"));
        assertThat(Signatures.verify(gifterKey, CaptpWriter.encodeSigned(give), receive.signedGive().signature()))
                .isTrue();
        assertThat(Signatures.verify(give.receiverKey(), CaptpWriter.encodeSigned(receive), signedReceive.signature()))
                .isTrue();
    }

    @Test
    void handoffCertificatesAreTheBytesTheirSignaturesCover() {
        List<Map<String, Object>> certificates = SpecVectors.vectors("ocapn/captp.json", "certificates");
        assertThat(certificates).hasSizeGreaterThanOrEqualTo(5);
        Operation.Deliver withdraw = (Operation.Deliver) reader.decode(
                valid("op:deliver: withdraw-gift with a signed desc:handoff-receive"));
        SigEnvelope signedReceive = (SigEnvelope) withdraw.args().get(1);
        HandoffReceive receive = (HandoffReceive) signedReceive.signed();
        assertThat(HEX.formatHex(CaptpWriter.encodeSigned(receive.signedGive().signed())))
                .isEqualTo(certificates.get(0).get("signed"));
        assertThat(HEX.formatHex(CaptpWriter.encodeSigned(receive))).isEqualTo(certificates.get(1).get("signed"));
        for (Map<String, Object> v : certificates) {
            byte[] key = HEX.parseHex((String) object("keys").get(v.get("key")));
            assertThat(Signatures.verify(key, HEX.parseHex((String) v.get("signed")),
                    HEX.parseHex((String) v.get("signature")))).as((String) v.get("name")).isEqualTo(v.get("verifies"));
        }
    }

    private static byte[] valid(String name) {
        return SpecVectors.vectors("ocapn/captp.json", "valid").stream().filter(v -> v.get("name").equals(name))
                .map(v -> HEX.parseHex((String) v.get("hex"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String key) {
        return (Map<String, Object>) ((Map<String, Object>) SpecVectors.read("ocapn/captp.json")).get(key);
    }
}
