package dev.erg.net.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.crypto.VatId;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.ReferenceDecoder;
import dev.erg.wire.codec.ReferenceEncoder;
import dev.erg.wire.codec.WireCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a link writes for the messages it is given: frames in order, together when sent together. */
class LinkTest {

    private static final Message GC = new Message.GcAnswers(List.of(3L));
    private static final Message NOTE = new Message.DeliverOnly(new Descriptor.Export(0), "note", List.of("hi"));

    private final WireCodec codec = new WireCodec(PassableRegistry.empty(), WireLimits.defaults());
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Link link = new Link(channel, VatId.fromBytes(new byte[VatId.LENGTH]), codec, null,
            new Link.Facts(Bytes.of(new byte[32]), List.of(), null));

    @BeforeEach
    void likeALinksChannel() {
        channel.config().setWriteBufferWaterMark(Link.WATER_MARK);
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void messagesSentTogetherGoOutInOneWrite() {
        link.send(List.of(GC, NOTE), ReferenceEncoder.none());
        link.send(NOTE, ReferenceEncoder.none());
        channel.runPendingTasks();

        List<List<Message>> writes = writes();
        assertThat(writes).hasSize(1);
        assertThat(writes.getFirst()).containsExactly(GC, NOTE, NOTE);
    }

    @Test
    void aMessageThatMayNotBeSentLeavesThoseBeforeItQueued() {
        Message unpassable = new Message.DeliverOnly(new Descriptor.Export(0), "note", List.of(new Object()));

        assertThatThrownBy(() -> link.send(List.of(GC, unpassable, NOTE), ReferenceEncoder.none()))
                .isInstanceOf(NotPassableException.class);
        channel.runPendingTasks();

        assertThat(writes()).containsExactly(List.of(GC));

        assertThatThrownBy(() -> link.send(List.of(GC, NOTE, unpassable), ReferenceEncoder.none()))
                .isInstanceOf(NotPassableException.class);
        channel.runPendingTasks();

        assertThat(writes()).containsExactly(List.of(GC, NOTE));
    }

    @Test
    void whatWaitsForAMessageToBeQueuedRunsOnlyOnceItIsQueuedWhole() {
        Message unpassable = new Message.DeliverOnly(new Descriptor.Export(0), "note", List.of(new Object()));
        List<String> ran = new ArrayList<>();

        link.send(NOTE, ReferenceEncoder.none(), () -> ran.add("note"));
        link.send(List.of(GC, NOTE), ReferenceEncoder.none(), () -> ran.add("gc and note"));
        assertThatThrownBy(() -> link.send(List.of(GC, unpassable), ReferenceEncoder.none(), () -> ran.add("unpassable")))
                .isInstanceOf(NotPassableException.class);
        assertThatThrownBy(() -> link.send(unpassable, ReferenceEncoder.none(), () -> ran.add("unpassable alone")))
                .isInstanceOf(NotPassableException.class);

        assertThat(ran).containsExactly("note", "gc and note");
    }

    @Test
    void aFrameLargerThanOneWriteGoesOutAloneAndUncopiedBetweenTheSmallOnesAroundIt() {
        byte[] chunk = new byte[64 * 1024];
        new Random(0xc0deL).nextBytes(chunk);
        Message bulk = new Message.DeliverOnly(new Descriptor.Export(0), "items", List.of(List.of(chunk, chunk)));

        link.send(NOTE, ReferenceEncoder.none());
        link.send(bulk, ReferenceEncoder.none());
        link.send(List.of(GC, NOTE), ReferenceEncoder.none());
        channel.runPendingTasks();

        List<List<Message>> writes = writes();
        assertThat(writes).hasSize(3);
        assertThat(writes.get(0)).containsExactly(NOTE);
        assertThat(writes.get(1)).singleElement().satisfies(m -> {
            List<?> items = (List<?>) ((Message.DeliverOnly) m).args().getFirst();
            assertThat(items).hasSize(2).allSatisfy(item -> assertThat((byte[]) item).isEqualTo(chunk));
        });
        assertThat(writes.get(2)).containsExactly(GC, NOTE);
    }

    @Test
    void framesWaitInTheLinkWhileTheChannelTakesNoMoreAndGoOutInOrderOnceItDoes() {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        link.send(NOTE, ReferenceEncoder.none());
        link.send(GC, ReferenceEncoder.none());
        channel.runPendingTasks();

        assertThat(writes()).isEmpty();

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        link.writable();

        assertThat(writes()).containsExactly(List.of(NOTE, GC));
    }

    @Test
    void whatMustPrecedeAFrameWrittenDirectlyGoesOutWhetherTheChannelTakesMoreOrNot() {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        link.send(NOTE, ReferenceEncoder.none());
        channel.runPendingTasks();

        link.writeQueued();
        channel.flush();

        assertThat(writes()).containsExactly(List.of(NOTE));
    }

    @Test
    void framesWaitingWhenTheChannelClosesAreDropped() {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        link.send(NOTE, ReferenceEncoder.none());
        channel.runPendingTasks();

        assertThat(link.framesWaiting()).isEqualTo(1);

        channel.close();
        link.send(GC, ReferenceEncoder.none());
        channel.runPendingTasks();

        assertThat(writes()).isEmpty();
        assertThat(link.framesWaiting()).isZero();
    }

    /** The messages of each buffer written, decoded frame by frame. */
    private List<List<Message>> writes() {
        List<List<Message>> writes = new ArrayList<>();
        for (ByteBuf written = channel.readOutbound(); written != null; written = channel.readOutbound()) {
            List<Message> messages = new ArrayList<>();
            while (written.isReadable()) {
                int length = written.readInt();
                ByteBuf frame = written.readSlice(length);
                messages.add(codec.decode(frame, ReferenceDecoder.none()));
            }
            written.release();
            writes.add(messages);
        }
        return writes;
    }
}
