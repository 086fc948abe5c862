package dev.erg.wire.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final FrameEncoder SHARED = new FrameEncoder(WireLimits.builder().maxFrameBytes(3).build());

    private static String readAll(EmbeddedChannel channel) {
        StringBuilder out = new StringBuilder();
        for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
            out.append(HEX.formatHex(ByteBufUtil.getBytes(buf)));
            buf.release();
        }
        return out.toString();
    }

    @Test
    void prefixesEachPayloadWithItsLength() {
        EmbeddedChannel channel = new EmbeddedChannel(SHARED);
        channel.writeOutbound(Unpooled.wrappedBuffer(HEX.parseHex("aabbcc")), Unpooled.EMPTY_BUFFER);
        assertThat(readAll(channel)).isEqualTo("00000003aabbcc" + "00000000");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void oneInstanceServesManyChannelsAndItsFramesDecode() {
        EmbeddedChannel first = new EmbeddedChannel(SHARED);
        EmbeddedChannel second = new EmbeddedChannel(SHARED);
        first.writeOutbound(Unpooled.wrappedBuffer(HEX.parseHex("01")));
        second.writeOutbound(Unpooled.wrappedBuffer(HEX.parseHex("0203")));
        EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder(WireLimits.defaults()));
        decoder.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex(readAll(first) + readAll(second))));
        ByteBuf frame = decoder.readInbound();
        assertThat(HEX.formatHex(ByteBufUtil.getBytes(frame))).isEqualTo("01");
        frame.release();
        frame = decoder.readInbound();
        assertThat(HEX.formatHex(ByteBufUtil.getBytes(frame))).isEqualTo("0203");
        frame.release();
        assertThat(first.finish() || second.finish() || decoder.finish()).isFalse();
    }

    @Test
    void refusesAPayloadOverTheMaximum() {
        EmbeddedChannel channel = new EmbeddedChannel(SHARED);
        ByteBuf payload = Unpooled.wrappedBuffer(HEX.parseHex("01020304"));
        assertThatThrownBy(() -> channel.writeOutbound(payload))
                .isInstanceOf(EncoderException.class)
                .hasRootCauseMessage("frame length: 4 (expected: <= 3)");
        assertThat(payload.refCnt()).isZero();
        assertThat(channel.finish()).isFalse();
    }
}
