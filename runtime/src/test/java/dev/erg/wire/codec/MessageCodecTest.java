package dev.erg.wire.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.vat.Problem;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.Descriptor.Answer;
import dev.erg.wire.codec.Descriptor.Export;
import dev.erg.wire.codec.Descriptor.HandoffGive;
import dev.erg.wire.codec.Descriptor.ImportObject;
import dev.erg.wire.codec.Descriptor.ImportPromise;
import dev.erg.wire.codec.Descriptor.SignedEnvelope;
import dev.erg.wire.codec.Message.Deliver;
import dev.erg.wire.codec.Message.DeliverOnly;
import dev.erg.wire.codec.TestTypes.Unregistered;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    private final WireCodec codec = new WireCodec(TestTypes.allRegistry(), WireLimits.defaults());

    private static Deliver deliver(Object... args) {
        return new Deliver(new Export(0), "run", List.of(args), OptionalLong.of(1), Optional.of(new ImportObject(2)));
    }

    @Test
    void deliverHasAFixedLayout() {
        Deliver deliver = new Deliver(new Export(0), "fetch", List.of("x"), OptionalLong.of(1),
                Optional.of(new ImportObject(2)));
        String hex = "d9a000" + "86" + "02" + "d9a00600" + "656665746368" + "816178" + "01" + "d9a00402";
        assertThat(HEX.formatHex(codec.encode(deliver, ReferenceEncoder.none()))).isEqualTo(hex);
        assertThat(codec.decode(HEX.parseHex(hex), ReferenceDecoder.none())).isEqualTo(deliver);
    }

    @Test
    void absentAnswerPositionsAndResolversAreNull() {
        Deliver deliver = new Deliver(new Answer(3), "m", List.of(), OptionalLong.empty(), Optional.of(new ImportPromise(4)));
        byte[] bytes = codec.encode(deliver, ReferenceEncoder.none());
        assertThat(HEX.formatHex(bytes)).isEqualTo("d9a0008602d9a00703616d80f6d9a00504");
        assertThat(codec.decode(bytes, ReferenceDecoder.none())).isEqualTo(deliver);
    }

    @Test
    void onlyArgumentsGoThroughTheReferenceHooks() {
        Object local = new Object();
        byte[] bytes = codec.encode(new DeliverOnly(new Export(9), Message.FULFILL, List.of(local)), reference -> {
            assertThat(reference).isSameAs(local);
            return new ImportObject(7);
        });
        List<Descriptor> seen = new ArrayList<>();
        Message decoded = codec.decode(bytes, (descriptor, type) -> {
            seen.add(descriptor);
            return "proxy";
        });
        assertThat(seen).containsExactly(new ImportObject(7));
        assertThat(decoded).isEqualTo(new DeliverOnly(new Export(9), "fulfill", List.of("proxy")));
    }

    @Test
    void signedBytesAreTheCertificatesDeterministicEncoding() {
        HandoffGive give = new HandoffGive(Bytes.of(new byte[32]), Bytes.of(new byte[32]), List.of("h:1"),
                Bytes.of(new byte[32]), Bytes.of(new byte[32]), Bytes.of(new byte[] {7}));
        byte[] signed = WireCodec.signedBytes(give);
        assertThat(HEX.formatHex(signed)).startsWith("d9a00886" + "5820" + "00".repeat(32));
        byte[] envelope = codec.encodeValue(new SignedEnvelope<>(give, Bytes.of(new byte[64])), References.PASS);
        assertThat(HEX.formatHex(envelope)).isEqualTo("d9a00a82" + HEX.formatHex(signed) + "5840" + "00".repeat(64));
    }

    @Test
    void argumentsThisSideCannotReadStandAsOneUnreadableAndTheMessageIsReadOn() {
        WireCodec knowsLess = new WireCodec(PassableRegistry.of(TestTypes.Point.class), WireLimits.defaults());
        byte[] unknownRecord = codec.encode(deliver(1L, List.of(new TestTypes.Range(1, 2))), References.PASS);
        Deliver read = (Deliver) knowsLess.decode(unknownRecord, References.KEEP);
        assertThat(read.args()).containsExactly(new Unreadable("record example.Range, which is not registered here"));
        assertThat(read.answerPosition()).hasValue(1);
        assertThat(read.resolver()).contains(new ImportObject(2));
        byte[] unknownEnum = codec.encode(deliver(TestTypes.Color.RED), References.PASS);
        assertThat(Unreadable.in(((Deliver) knowsLess.decode(unknownEnum, References.KEEP)).args()).reason())
                .isEqualTo("enum constant example.Color.RED, which is not registered here");
        assertThat(codec.decode(unknownRecord, References.KEEP)).as("read in full where registered")
                .isEqualTo(deliver(1L, List.of(new TestTypes.Range(1, 2))));
        assertThatThrownBy(() -> knowsLess.decodeValue(codec.encodeValue(new TestTypes.Range(1, 2), References.PASS),
                References.KEEP)).as("a value outside a message is read strictly")
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("unknown record name \"example.Range\"");
    }

    @Test
    void unpassableArgumentsAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> codec.encode(deliver(1, new StringBuilder("1.5")), References.PASS))
                .isInstanceOf(NotPassableException.class)
                .hasMessage("java.lang.StringBuilder at $.args[1] (expected: a passable value)");
        assertThatThrownBy(() -> codec.encode(deliver(Set.of(1)), References.PASS))
                .hasMessageStartingWith("java.util.ImmutableCollections$Set12 at $.args[0]");
        assertThatThrownBy(() -> codec.encode(deliver(new int[] {1}), References.PASS))
                .hasMessage("[I at $.args[0] (expected: a passable value)");
        assertThatThrownBy(() -> codec.encode(deliver(new Unregistered(1)), References.PASS))
                .hasMessage("dev.erg.wire.codec.TestTypes$Unregistered, which is @Passable but not registered at $.args[0]"
                        + " (expected: a registered type)");
        assertThatThrownBy(() -> codec.encode(deliver("a\uD800b"), References.PASS))
                .hasMessage("text string with an unpaired surrogate at index 1 at $.args[0] (expected: well-formed UTF-16)");
    }

    @Test
    void referencesTheEncoderRefusesAreNotPassable() {
        assertThatThrownBy(() -> codec.encode(deliver(new Object()), ReferenceEncoder.none()))
                .isInstanceOf(NotPassableException.class)
                .hasMessage("java.lang.Object is not pass-by-copy data, and this encoder passes no references at $.args[0]");
        assertThatThrownBy(() -> codec.encode(deliver(new Object()), reference -> null))
                .hasMessage("java.lang.Object described as null at $.args[0]"
                        + " (expected: an import, export, answer or sig-envelope descriptor)");
    }

    @Test
    void cyclesEndAtTheDepthLimit() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> codec.encodeValue(cycle, ReferenceEncoder.none()))
                .isInstanceOf(NotPassableException.class)
                .hasMessage("nesting depth 65 at $" + "[0]".repeat(64) + " (expected: <= 64)");
    }

    @Test
    void theEncoderAppliesTheLimitsThePeerWill() {
        WireCodec small = new WireCodec(TestTypes.allRegistry(), WireLimits.builder()
                .maxCollectionLength(3).maxStringBytes(4).maxBytesLength(2)
                .maxBigIntegerBytes(9).maxTotalValues(12).build());
        assertThatThrownBy(() -> small.encode(deliver(List.of(1, 2, 3, 4)), References.PASS))
                .hasMessage("list length 4 at $.args[0] (expected: <= 3)");
        assertThatThrownBy(() -> small.encode(deliver("hello"), References.PASS))
                .hasMessage("text string length 5 at $.args[0] (expected: <= 4)");
        assertThatThrownBy(() -> small.encode(deliver(new byte[3]), References.PASS))
                .hasMessage("byte string length 3 at $.args[0] (expected: <= 2)");
        assertThatThrownBy(() -> small.encode(deliver(BigInteger.TWO.pow(80)), References.PASS))
                .hasMessage("bignum length 11 at $.args[0] (expected: <= 9)");
        assertThatThrownBy(() -> small.encode(deliver(1, 2, 3, 4), References.PASS))
                .hasMessage("list length 4 at $.args (expected: <= 3)");
        // tag, array, op, target (2), method, args, 1, 2, 3, answer position, resolver (2)
        assertThatThrownBy(() -> small.encode(deliver(1, 2, 3), References.PASS))
                .hasMessage("value count 13 at $ (expected: <= 12)");
        WireCodec tiny = new WireCodec(PassableRegistry.empty(), WireLimits.builder().maxFrameBytes(20).build());
        // tag 3, array 1, op 1, target 4, "mmmm" 5, args 1, "abcdefgh" 9
        assertThatThrownBy(() -> tiny.encode(new DeliverOnly(new Export(0), "mmmm", List.of("abcdefgh")),
                References.PASS))
                .hasMessage("message of 24 bytes at $ (expected: <= 20)");
        assertThatThrownBy(() -> tiny.encodeValue("a".repeat(20), References.PASS))
                .hasMessage("value of 21 bytes at $ (expected: <= 20)");
    }

    @Test
    void aFailedEncodingLeavesTheBufferAsItWas() {
        ByteBuf out = Unpooled.buffer().writeByte(1);
        assertThatThrownBy(() -> codec.encode(deliver("ok", new Object()), ReferenceEncoder.none(), out))
                .isInstanceOf(NotPassableException.class);
        assertThat(out.readableBytes()).isEqualTo(1);
    }

    @Test
    void aFrameIsTheLengthThenTheEncodingInOneBufferAndDecodesBack() {
        Deliver deliver = deliver("x");
        byte[] payload = codec.encode(deliver, ReferenceEncoder.none());
        ByteBuf out = Unpooled.buffer().writeByte(7);
        codec.encodeFrame(deliver, ReferenceEncoder.none(), out);
        assertThat(out.readByte()).isEqualTo((byte) 7);
        assertThat(HEX.formatHex(ByteBufUtil.getBytes(out)))
                .isEqualTo(String.format("%08x", payload.length) + HEX.formatHex(payload));

        List<Object> frames = new ArrayList<>();
        new FrameDecoder(WireLimits.defaults()).decode(null, out, frames);
        assertThat(frames).hasSize(1);
        assertThat(codec.decode((ByteBuf) frames.getFirst(), ReferenceDecoder.none())).isEqualTo(deliver);
    }

    @Test
    void aFrameOfLongByteStringsCountsThemInItsLengthAndItsLimit() {
        Random random = new Random(0xb17eL);
        byte[] chunk = new byte[64 * 1024];
        random.nextBytes(chunk);
        Deliver deliver = deliver(0L, List.of(chunk, chunk.clone(), chunk.clone()), true);
        byte[] frame = codec.encodeFrame(deliver, ReferenceEncoder.none());

        assertThat(frame.length).isGreaterThan(3 * chunk.length);
        assertThat(Unpooled.wrappedBuffer(frame).getInt(0)).isEqualTo(frame.length - FrameDecoder.HEADER_BYTES);
        Deliver decoded = (Deliver) codec.decode(Unpooled.wrappedBuffer(frame, 4, frame.length - 4), ReferenceDecoder.none());
        assertThat((List<?>) decoded.args().get(1)).hasSize(3).allSatisfy(item -> assertThat((byte[]) item).isEqualTo(chunk));

        WireCodec small = new WireCodec(TestTypes.allRegistry(), WireLimits.builder().maxFrameBytes(3 * chunk.length).build());
        assertThatThrownBy(() -> small.encodeFrame(deliver, ReferenceEncoder.none()))
                .isInstanceOf(NotPassableException.class).hasMessageContaining("<= " + 3 * chunk.length);
    }

    @Test
    void aFrameInABufferIsTheFrameInAnArrayAndItsLongByteStringsAreTheirOwnArrays() {
        byte[] chunk = new byte[CborWriter.HELD_BYTES];
        new Random(0xa110cL).nextBytes(chunk);
        for (Deliver deliver : List.of(deliver("x"), deliver(chunk, "after"), deliver(chunk, chunk))) {
            ByteBuf frame = codec.encodeFrameBuffer(deliver, ReferenceEncoder.none());
            try {
                assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(codec.encodeFrame(deliver, ReferenceEncoder.none()));
                long shared = frame instanceof CompositeByteBuf parts
                        ? IntStream.range(0, parts.numComponents())
                                .filter(i -> parts.component(i).hasArray() && parts.component(i).array() == chunk).count()
                        : 0;
                assertThat(shared).as("the chunk's own array, not a copy: %s", deliver.args())
                        .isEqualTo(deliver.args().stream().filter(a -> a == chunk).count());
            } finally {
                frame.release();
            }
        }
    }

    @Test
    void aFailedFrameLeavesTheBufferAsItWas() {
        ByteBuf out = Unpooled.buffer().writeByte(1);
        assertThatThrownBy(() -> codec.encodeFrame(deliver("ok", new Object()), ReferenceEncoder.none(), out))
                .isInstanceOf(NotPassableException.class);
        assertThat(out.writerIndex()).isEqualTo(1);
    }

    @Test
    void theProblemOfAnUnpassableValueSaysSo() {
        NotPassableException e = new NotPassableException("x at $");
        assertThat(e.problem()).isEqualTo(new Problem(Problem.NOT_PASSABLE, "x at $"));
    }

    @Test
    void protocolExceptionsGiveTheirAbortReason() {
        ProtocolException e = new ProtocolException(ProtocolError.LIMIT_EXCEEDED, "frame length: 9 (expected: <= 8)");
        assertThat(e.abortReason()).isEqualTo("limit: frame length: 9 (expected: <= 8)");
        assertThat(e.getStackTrace()).isEmpty();
    }

    @Test
    void messageRecordsCheckTheirFields() {
        assertThatThrownBy(() -> new Deliver(new Export(0), "m", List.of(), OptionalLong.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("neither answerPosition nor resolver (expected: at least one)");
        assertThatThrownBy(() -> new Export(-1)).hasMessage("position: -1 (expected: >= 0)");
        assertThatThrownBy(() -> new Message.GcExports(List.of(1L), List.of()))
                .hasMessage("wireDeltas size: 0 (expected: 1, the number of positions)");
        assertThatThrownBy(() -> new Message.StartSession("erg/1", Bytes.of(new byte[3]), List.of()))
                .hasMessage("vatId length: 3 (expected: 32)");
        List<Object> args = new ArrayList<>(List.of(1));
        DeliverOnly message = new DeliverOnly(new Export(0), "m", args);
        args.add(2);
        assertThat(message.args()).containsExactly(1);
    }
}
