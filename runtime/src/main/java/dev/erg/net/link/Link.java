package dev.erg.net.link;

import dev.erg.crypto.VatId;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.ReferenceEncoder;
import dev.erg.wire.codec.WireCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.internal.PlatformDependent;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A mutually authenticated TLS 1.3 connection to one peer vat, after both sides have
 * exchanged start-session: {@link #peer()} is the vat whose key the handshake proved.
 * Thread-safe: messages may be sent from any thread and go out in the order sent.
 */
public final class Link {

    /** Messages sent over every link of this JVM; a counter read by metrics. */
    private static final LongAdder SENT = new LongAdder();
    /** How long {@link #flushSoon} waits: long enough to meet the next call's frame, short for the peer's tables. */
    private static final long FLUSH_SOON_MICROS = 2_000;
    /** The most bytes of frames copied into one buffer for one write: four TLS records. */
    private static final int MAX_WRITE_BYTES = 64 * 1024;
    /**
     * Bytes a link's channel holds unsent (frames in the TLS handler, records for the socket)
     * above which it takes no more frames from the link, and below which it takes them again:
     * room for several of a stream's 256 KiB frames, so that the socket never waits for the next.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(1 << 20, 2 << 20);

    private final Channel channel;
    private final VatId peer;
    private final WireCodec codec;
    private final LinkChannel state;
    private final Facts facts;
    /**
     * Encoded frames, one or more whole frames per buffer, written by the event loop in order;
     * each released once written or dropped.
     */
    private final Queue<ByteBuf> outbox = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** The frames of one write; used on the event loop only. */
    private final ArrayList<ByteBuf> batch = new ArrayList<>();

    Link(Channel channel, VatId peer, WireCodec codec, LinkChannel state, Facts facts) {
        this.channel = channel;
        this.peer = peer;
        this.codec = codec;
        this.state = state;
        this.facts = facts;
    }

    /** What the handshake established besides the peer's vat id. */
    record Facts(Bytes peerKey, List<String> peerHints, Bytes sessionId) {
    }

    /** The authenticated vat at the other end. */
    public VatId peer() {
        return peer;
    }

    /** The number of messages sent over all links of this JVM since it started. */
    public static long messagesSent() {
        return SENT.sum();
    }

    /** The peer's raw Ed25519 public key, whose vat id is {@link #peer()}. */
    public Bytes peerKey() {
        return facts.peerKey();
    }

    /** Where the peer said, in its start-session, that it accepts connections. */
    public List<String> peerHints() {
        return facts.peerHints();
    }

    /**
     * The session id both ends derived from this connection's TLS keys (spec section 2);
     * empty when the TLS provider cannot export it (Bouncy Castle's cannot).
     */
    public Optional<Bytes> sessionId() {
        return Optional.ofNullable(facts.sessionId());
    }

    /** The peer's network address. */
    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    /** Whether the link is still open. */
    public boolean isOpen() {
        return channel.isActive() && !state.isClosing();
    }

    /**
     * Encodes {@code message}, mapping the references in it with {@code references}, and
     * queues it for sending. A message sent after the link closed is dropped.
     *
     * @throws dev.erg.wire.NotPassableException if a value in it may not be sent
     */
    public void send(Message message, ReferenceEncoder references) {
        queue(codec.encodeFrameBuffer(message, references), 1);
    }

    /**
     * Encodes {@code messages} and queues them together, in order: they go out in one write,
     * never split by a write that starts between them. If one may not be sent, those before
     * it are queued and the rest are not.
     *
     * @throws dev.erg.wire.NotPassableException if a value in one may not be sent
     */
    public void send(List<Message> messages, ReferenceEncoder references) {
        ByteBuf[] frames = new ByteBuf[messages.size()];
        int encoded = 0;
        try {
            for (Message message : messages) {
                frames[encoded++] = codec.encodeFrameBuffer(message, references);
            }
        } finally {
            if (encoded > 0) {
                // One buffer over the frames, not a copy of them: it is queued, and written, as one.
                queue(encoded == 1 ? frames[0] : Unpooled.wrappedBuffer(encoded, frames), encoded);
            }
        }
    }

    /**
     * Sends {@code message} as {@link #send(Message, ReferenceEncoder)} does, then runs
     * {@code queued} on this thread; if the message cannot be encoded, {@code queued} does not run.
     *
     * @throws dev.erg.wire.NotPassableException if a value in it may not be sent
     */
    public void send(Message message, ReferenceEncoder references, Runnable queued) {
        send(message, references);
        queued.run();
    }

    /**
     * Sends {@code messages} as {@link #send(List, ReferenceEncoder)} does, then runs
     * {@code queued} on this thread; if one cannot be encoded, {@code queued} does not run.
     *
     * @throws dev.erg.wire.NotPassableException if a value in one may not be sent
     */
    public void send(List<Message> messages, ReferenceEncoder references, Runnable queued) {
        send(messages, references);
        queued.run();
    }

    /** Queues encoded frames, {@code messages} of them, and has the event loop write them soon. */
    private void queue(ByteBuf frames, int messages) {
        outbox.add(frames);
        SENT.add(messages);
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The transport is closed: nothing will be sent again. What waits is released,
                // now and at each later send, which finds no drain scheduled.
                drainScheduled.set(false);
                discard();
            }
        }
    }

    /**
     * Runs {@code flush} on the link's I/O thread after {@value #FLUSH_SOON_MICROS} µs, so that
     * what it sends shares a write with whatever goes out meanwhile. Dropped once the link is
     * closed.
     */
    public void flushSoon(Runnable flush) {
        try {
            channel.eventLoop().schedule(flush, FLUSH_SOON_MICROS, TimeUnit.MICROSECONDS);
        } catch (RejectedExecutionException e) {
            // The transport is closed: nothing will be sent again.
        }
    }

    /*
     * Frames are queued and written by one task per burst, flushed once: handing each frame
     * to the event loop separately costs a task and a flush per message. Only while the channel
     * is writable: what the socket cannot take yet waits here as the frames it is, not encrypted
     * in the channel's buffers, where a stream's window of 64 MiB became 64 MiB of direct
     * memory to allocate, hold and free again at each burst.
     */
    private void drain() {
        drainScheduled.set(false);
        if (!channel.isActive()) {
            // Closed: nothing will be sent again, and what waits would wait for ever.
            discard();
            return;
        }
        write(false);
        channel.flush();
    }

    /** The channel is writable again (on the event loop): writes what waited, as a drain does. */
    void writable() {
        if (!outbox.isEmpty()) {
            drain();
        }
    }

    /** Writes, without flushing, every frame queued so far: on the event loop, before a frame that must follow them. */
    void writeQueued() {
        write(true);
    }

    /**
     * Writes the frames queued, all of them or while the channel is writable. Frames go out
     * copied together into as few buffers as {@value #MAX_WRITE_BYTES} bytes allow: each write
     * through the pipeline costs a promise, listeners and a queue entry in the TLS handler,
     * whatever its size. A buffer of frames larger than that goes out as it is, not copied: TLS
     * reads it as it encrypts, as it reads any application's buffer.
     */
    private void write(boolean all) {
        ByteBuf frame;
        int bytes = 0;
        while ((all || channel.isWritable()) && (frame = outbox.poll()) != null) {
            int length = frame.readableBytes();
            if (!batch.isEmpty() && bytes + length > MAX_WRITE_BYTES) {
                writeBatch(bytes);
                bytes = 0;
            }
            if (length > MAX_WRITE_BYTES) {
                channel.write(frame, channel.voidPromise());
                continue;
            }
            batch.add(frame);
            bytes += length;
        }
        if (!batch.isEmpty()) {
            writeBatch(bytes);
        }
    }

    private void writeBatch(int bytes) {
        ByteBuf out = channel.alloc().ioBuffer(bytes);
        for (ByteBuf frame : batch) {
            out.writeBytes(frame);
            frame.release();
        }
        batch.clear();
        channel.write(out, channel.voidPromise());
    }

    /** How many buffers of frames wait to be written: what the channel would not take yet, or has not been handed yet. */
    int framesWaiting() {
        return outbox.size();
    }

    /**
     * Releases what waits, once the channel is closed; synchronized, as senders that find the
     * transport closed may call it at once.
     */
    synchronized void discard() {
        ByteBuf frame;
        while ((frame = outbox.poll()) != null) {
            frame.release();
        }
    }

    /** Runs {@code task} on the link's I/O thread, where its handler is called; dropped once the transport is closed. */
    public void execute(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            // The transport is closed: the link's handler is called no more.
        }
    }

    /** Stops reading from the peer until {@link #resumeReading()}: backpressure for a full inbox. */
    public void pauseReading() {
        gate(true);
    }

    /** Reads from the peer again. */
    public void resumeReading() {
        gate(false);
    }

    private void gate(boolean pause) {
        ChannelHandlerContext ctx = channel.pipeline().context(ReadGate.class);
        if (ctx == null) {
            return;
        }
        ReadGate gate = (ReadGate) ctx.handler();
        channel.eventLoop().execute(() -> {
            if (pause) {
                gate.pause(ctx);
            } else {
                gate.resume(ctx);
            }
        });
    }

    /** Sends an abort with {@code reason}, then closes. The handler is told {@code reason}. */
    public void abort(String reason) {
        channel.eventLoop().execute(() -> state.abort(channel, reason));
    }

    /** The underlying channel, for tests that must misbehave below the codec. */
    public Channel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return "Link[" + peer + " at " + channel.remoteAddress() + "]";
    }
}
