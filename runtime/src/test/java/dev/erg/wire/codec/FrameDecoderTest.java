package dev.erg.wire.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final long SEED = Long.getLong("erg.frames.seed", 0xf4a3e5L);

    private static EmbeddedChannel channel(int maxFrameBytes) {
        return new EmbeddedChannel(new FrameDecoder(WireLimits.builder().maxFrameBytes(maxFrameBytes).build()));
    }

    private static List<String> readFrames(EmbeddedChannel channel) {
        List<String> frames = new ArrayList<>();
        for (ByteBuf frame; (frame = channel.readInbound()) != null; ) {
            frames.add(HEX.formatHex(ByteBufUtil.getBytes(frame)));
            frame.release();
        }
        return frames;
    }

    @Test
    void decodesFramesFedByteByByte() {
        EmbeddedChannel channel = channel(16);
        byte[] stream = HEX.parseHex("00000003aabbcc" + "00000000" + "0000000110");
        for (byte b : stream) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(readFrames(channel)).containsExactly("aabbcc", "", "10");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void decodesSeveralFramesInOneRead() {
        EmbeddedChannel channel = channel(16);
        channel.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("0000000101" + "000000020203" + "0000")));
        assertThat(readFrames(channel)).containsExactly("01", "0203");
        channel.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("000104")));
        assertThat(readFrames(channel)).containsExactly("04");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void acceptsAFrameOfExactlyTheMaximum() {
        EmbeddedChannel channel = channel(3);
        channel.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("00000003010203")));
        assertThat(readFrames(channel)).containsExactly("010203");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void rejectsAnOversizedFrameRightAfterItsHeader() {
        EmbeddedChannel channel = channel(65536);
        channel.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("000111")));
        channel.checkException();
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("70"))))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("frame length: 70000 (expected: <= 65536)")
                .extracting(e -> ((ProtocolException) e).error()).isEqualTo(ProtocolError.LIMIT_EXCEEDED);
        assertThat(readFrames(channel)).isEmpty();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void rejectsTheLargestDeclaredLength() {
        EmbeddedChannel channel = channel(1 << 20);
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("ffffffff"))))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("frame length: 4294967295 (expected: <= 1048576)");
    }

    @Test
    void discardsEverythingAfterAFatalError() {
        EmbeddedChannel channel = channel(4);
        ByteBuf rest = Unpooled.wrappedBuffer(HEX.parseHex("00000001ff"));
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("00000005"))))
                .isInstanceOf(ProtocolException.class);
        channel.writeInbound(rest);
        assertThat(rest.refCnt()).isZero();
        assertThat(readFrames(channel)).isEmpty();
        assertThat(channel.finish()).isFalse();
    }

    /** Random frames cut at random points come out whole, in order, with nothing left over. */
    @Test
    void reassemblesRandomlyFragmentedStreams() {
        Random random = new Random(SEED);
        for (int run = 0; run < 200; run++) {
            EmbeddedChannel channel = channel(300);
            ByteBuf stream = Unpooled.buffer();
            List<String> sent = new ArrayList<>();
            for (int i = random.nextInt(10); i > 0; i--) {
                byte[] payload = new byte[random.nextInt(301)];
                random.nextBytes(payload);
                stream.writeInt(payload.length).writeBytes(payload);
                sent.add(HEX.formatHex(payload));
            }
            while (stream.isReadable()) {
                channel.writeInbound(stream.readRetainedSlice(Math.min(stream.readableBytes(), 1 + random.nextInt(40))));
            }
            stream.release();
            assertThat(readFrames(channel)).as("seed %d, run %d", SEED, run).isEqualTo(sent);
            assertThat(channel.finish()).as("seed %d, run %d", SEED, run).isFalse();
        }
    }
}
