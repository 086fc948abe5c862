package dev.erg.ocapn.captp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.ocapn.syrup.Symbol;
import dev.erg.ocapn.syrup.Tagged;
import dev.erg.vat.Problem;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.Descriptor.Answer;
import dev.erg.wire.codec.Descriptor.Export;
import dev.erg.wire.codec.Descriptor.ImportObject;
import dev.erg.wire.codec.Descriptor.ImportPromise;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.ProtocolException;
import dev.erg.wire.codec.ReferenceDecoder;
import dev.erg.wire.codec.ReferenceEncoder;
import dev.erg.wire.codec.WireCodec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The engine's messages cross the OCapN codec as they cross {@code erg/1}'s CBOR codec: each
 * decodes to the message that was encoded, references going through the same encoder and
 * decoder, and the draft's own bytes read as the messages they mean.
 */
class OcapnCodecTest {

    /** A reference as the test's "session" sees it: the descriptor it stands for. */
    private record Ref(dev.erg.wire.codec.Descriptor descriptor) {
    }

    private static final ReferenceEncoder ENCODER = value -> ((Ref) value).descriptor();
    private static final ReferenceDecoder DECODER = (descriptor, expected) -> new Ref(descriptor);

    private final OcapnCodec ocapn = new OcapnCodec(WireLimits.defaults());
    private final WireCodec cbor = new WireCodec(PassableRegistry.empty(), WireLimits.defaults());

    private static List<Message> messages() {
        List<Object> args = List.of(42L, "text", true, 1.5, new BigInteger("18446744073709551617"),
                List.of(1L, new Ref(new ImportObject(7))), Map.of("a", new Ref(new ImportPromise(8))),
                new Ref(new Export(3)), new Ref(new Answer(4)));
        return List.of(
                new Message.Deliver(new Export(5), "make-car-factory", List.of(), OptionalLong.of(3),
                        Optional.of(new ImportObject(15))),
                new Message.Deliver(new Answer(3), "make-car", args, OptionalLong.of(4), Optional.empty()),
                new Message.Deliver(new Export(0), "fetch", List.of("swiss"), OptionalLong.empty(),
                        Optional.of(new ImportPromise(2))),
                new Message.DeliverOnly(new Export(12), Message.FULFILL, List.of(args)),
                new Message.Listen(new Answer(9), new ImportObject(10), true),
                new Message.Abort("done"),
                new Message.GcExports(List.of(3L, 5L), List.of(1L, 2L)),
                new Message.GcAnswers(List.of(3L, 4L)),
                new Message.Get(new Answer(3), "name", 6),
                new Message.Index(new Export(2), 0, 7));
    }

    @Test
    void everyMappedMessageDecodesAsItDoesOverCbor() {
        for (Message message : messages()) {
            Message overOcapn = ocapn.decode(ocapn.encode(message, ENCODER), DECODER);
            Message overCbor = cbor.decode(cbor.encode(message, ENCODER), DECODER);
            assertThat(overOcapn).as(message.toString()).isEqualTo(message).isEqualTo(overCbor);
        }
    }

    @Test
    void theDraftsPipeliningExampleReadsAsTheEnginesDeliver() {
        byte[] bytes = bytes("<10'op:deliver<11'desc:export5+>[16'make-car-factory]3+<18'desc:import-object15+>>");
        assertThat(ocapn.decode(bytes, DECODER)).isEqualTo(new Message.Deliver(new Export(5), "make-car-factory",
                List.of(), OptionalLong.of(3), Optional.of(new ImportObject(15))));
    }

    @Test
    void falseFalseIsADeliveryNobodyHearsOf() {
        byte[] bytes = bytes("<10'op:deliver<11'desc:export1+>[4'ping2\"hi]ff>");
        assertThat(ocapn.decode(bytes, DECODER)).isEqualTo(new Message.DeliverOnly(new Export(1), "ping", List.of("hi")));
    }

    @Test
    void untagCrossesOcapnAndErg1RefusesToEncodeIt() {
        Message untag = new Message.Untag(new Answer(3), "money", 8);
        byte[] bytes = bytes("<8'op:untag<11'desc:answer3+>5\"money8+>");
        assertThat(ocapn.decode(bytes, DECODER)).isEqualTo(untag);
        assertThat(ocapn.encode(untag, ENCODER)).isEqualTo(bytes);
        assertThatThrownBy(() -> cbor.encode(untag, ENCODER)).isInstanceOf(NotPassableException.class)
                .hasMessageContaining("untag").hasMessageContaining("erg/1");
    }

    @Test
    void aBreakWithAValueThatIsNoErrorReadsAsAProblemHoldingItAndIsWrittenAsThatValue() {
        byte[] bytes = bytes("<15'op:deliver-only<11'desc:export3+>[5'break5'oh-no]>");
        Message broken = new Message.DeliverOnly(new Export(3), Message.BREAK,
                List.of(new Problem(BreakReasons.KIND, "5'oh-no")));
        assertThat(ocapn.decode(bytes, DECODER)).isEqualTo(broken);
        assertThat(ocapn.encode(broken, ENCODER)).isEqualTo(bytes);
        assertThat(cbor.decode(cbor.encode(broken, ENCODER), DECODER)).as("the problem crosses erg/1 as it is")
                .isEqualTo(broken);
    }

    @Test
    void everyBreakReasonWithoutReferencesIsWrittenBackByteForByte() {
        List<Object> reasons = Arrays.asList(null, 1.5, "back\\slash \u00e9", new byte[] {0, 92, 120, 127},
                List.of(new Symbol("oh-no"), Map.of("why", -7L)), new Tagged("t", true));
        for (Object reason : reasons) {
            Message broken = new Message.DeliverOnly(new Export(1), Message.BREAK, Collections.singletonList(reason));
            byte[] bytes = ocapn.encode(broken, ENCODER);
            Message read = ocapn.decode(bytes, DECODER);
            assertThat(((Message.DeliverOnly) read).args().getFirst()).isInstanceOfSatisfying(Problem.class,
                    p -> assertThat(p.kind()).isEqualTo(BreakReasons.KIND));
            assertThat(ocapn.encode(read, ENCODER)).as(String.valueOf(reason)).isEqualTo(bytes);
        }
    }

    @Test
    void aBreakReasonHoldingAReferenceOrAProblemOfThatKindWithoutSyrupFallsBackToAnError() {
        Message withReference = ocapn.decode(bytes("<15'op:deliver-only<11'desc:export3+>[5'break[<11'desc:export2+>]]>"),
                DECODER);
        assertThat(((Message.DeliverOnly) withReference).args()).singleElement().isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.kind()).isEqualTo("Error"));
        Message notSyrup = new Message.DeliverOnly(new Export(3), Message.BREAK,
                List.of(new Problem(BreakReasons.KIND, "not \\q syrup")));
        assertThat(new String(ocapn.encode(notSyrup, ENCODER), StandardCharsets.UTF_8))
                .isEqualTo("<15'op:deliver-only<11'desc:export3+>[5'break<10'desc:error26\"ocapn.Reason: not \\q syrup>]>");
        Message errorBreak = ocapn.decode(bytes("<15'op:deliver-only<11'desc:export3+>[5'break<10'desc:error5\"oh-no>]>"),
                DECODER);
        assertThat(((Message.DeliverOnly) errorBreak).args()).containsExactly(new Problem("Error", "oh-no"));
    }

    @Test
    void whatHasNoFormOnTheOtherWireIsRefused() {
        assertThatThrownBy(() -> ocapn.encode(new Message.Disembargo(new Answer(1), 2), ENCODER))
                .isInstanceOf(NotPassableException.class).hasMessageContaining("disembargo");
        assertThatThrownBy(() -> ocapn.decode(bytes("<8'op:abort"), DECODER))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void theMethodIsTheFirstArgumentAsASymbol() {
        byte[] bytes = ocapn.encode(new Message.DeliverOnly(new Export(0), "deposit-gift", List.of(42L)), ENCODER);
        assertThat(new String(bytes, StandardCharsets.US_ASCII))
                .isEqualTo("<15'op:deliver-only<11'desc:export0+>[12'deposit-gift42+]>");
    }

    @Test
    void aDeliveryWithoutASymbolCallsApplyWithTheListOfAllItsArguments() {
        assertThat(ocapn.decode(bytes("<15'op:deliver-only<11'desc:export1+>[2\"hi3'foo<11'desc:export2+>]>"), DECODER))
                .isEqualTo(new Message.DeliverOnly(new Export(1), OcapnCodec.APPLY,
                        List.of(List.of("hi", new dev.erg.ocapn.syrup.Symbol("foo"), new Ref(new Export(2))))));
        assertThat(ocapn.decode(bytes("<10'op:deliver<11'desc:export1+>[]1+<18'desc:import-object15+>>"), DECODER))
                .isEqualTo(new Message.Deliver(new Export(1), OcapnCodec.APPLY, List.of(List.of()), OptionalLong.of(1),
                        Optional.of(new ImportObject(15))));
    }

    @Test
    void applyWithOneListIsWrittenWithoutASymbolAndAnyOtherApplyWithIt() {
        byte[] bare = ocapn.encode(new Message.DeliverOnly(new Export(1), OcapnCodec.APPLY,
                List.of(List.of("foo", 1L, new Ref(new ImportObject(3))))), ENCODER);
        assertThat(new String(bare, StandardCharsets.US_ASCII))
                .isEqualTo("<15'op:deliver-only<11'desc:export1+>[3\"foo1+<18'desc:import-object3+>]>");
        byte[] named = ocapn.encode(new Message.DeliverOnly(new Export(1), OcapnCodec.APPLY, List.of("x", 1L)), ENCODER);
        assertThat(new String(named, StandardCharsets.US_ASCII))
                .isEqualTo("<15'op:deliver-only<11'desc:export1+>[5'apply1\"x1+]>");
        byte[] notAList = ocapn.encode(new Message.DeliverOnly(new Export(1), OcapnCodec.APPLY, List.of("x")), ENCODER);
        assertThat(new String(notAList, StandardCharsets.US_ASCII))
                .isEqualTo("<15'op:deliver-only<11'desc:export1+>[5'apply1\"x]>");
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
