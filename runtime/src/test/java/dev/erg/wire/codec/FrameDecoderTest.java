package dev.erg.wire.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.wire.WireLimits;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
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

    @Test
    void aFrameLongerThanAReadArrivesWholeInAHeapBufferGrownAtMostByAFactorPerByteArrived() {
        List<Integer> asked = new ArrayList<>();
        AbstractByteBufAllocator recording = new AbstractByteBufAllocator(false) {
            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                asked.add(initialCapacity);
                return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                return new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity);
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        };
        EmbeddedChannel channel = channel(1 << 20);
        channel.config().setAllocator(recording);
        byte[] payload = new byte[256 * 1024];
        new Random(SEED).nextBytes(payload);
        ByteBuf stream = Unpooled.buffer().writeInt(payload.length).writeBytes(payload).writeBytes(HEX.parseHex("0000000142"));
        int arrived = 0;
        int read = 1000;
        while (stream.isReadable()) {
            int n = Math.min(read, stream.readableBytes());
            channel.writeInbound(Unpooled.directBuffer(n).writeBytes(stream, n));
            arrived += n;
            int most = Math.max(64, 8 * arrived);
            assertThat(asked).as("room asked after %d bytes", arrived).allSatisfy(room -> assertThat(room).isLessThanOrEqualTo(most));
            read *= 2;
        }

        ByteBuf frame = channel.readInbound();
        assertThat(frame.hasArray()).isTrue();
        assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(payload);
        frame.release();
        assertThat(readFrames(channel)).containsExactly("42");
        assertThat(asked).as("a buffer grown once per read, not copied again as it fills").hasSizeLessThan(8);
        assertThat(channel.finish()).isFalse();
    }
}
