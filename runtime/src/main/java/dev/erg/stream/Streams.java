package dev.erg.stream;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * Streams adapted to the Java interfaces existing libraries speak: {@link Flow} publishers and
 * subscribers, and {@link InputStream}s and {@link OutputStream}s of bytes. Call each in a turn
 * of the vat the stream's end belongs to; the adapter it returns may then be used from any
 * thread, and the byte streams block the thread that uses them (never a vat's turn).
 */
public final class Streams {

    private Streams() {
    }

    /**
     * A publisher of {@code reader}'s items to one subscriber, whose methods are called in
     * turns of the reader's vat; a second subscriber is told {@code onError}.
     */
    public static <T> Flow.Publisher<T> publisher(StreamReader<T> reader) {
        Objects.requireNonNull(reader, "reader");
        reader.requireVat();
        return subscriber -> reader.vat().run(() -> {
            try {
                reader.subscribe(subscriber);
            } catch (IllegalStateException e) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                    }
                });
                subscriber.onError(e);
            }
        });
    }

    /**
     * A subscriber that writes the items it is given into {@code writer}, requesting them as
     * the writer's reader grants credit; completion closes the stream (with no final value),
     * an error fails it, and a failed stream cancels the subscription.
     */
    public static <T> Flow.Subscriber<T> subscriber(StreamWriter<T> writer) {
        Objects.requireNonNull(writer, "writer");
        writer.requireVat();
        return new WritingSubscriber<>(writer);
    }

    /**
     * The bytes of {@code reader}'s chunks, in order, read on any thread but a vat's; the end of
     * the stream is the end of the input, and a failed stream throws an {@link java.io.IOException}
     * carrying its problem. Closing it before the end cancels the stream.
     */
    public static InputStream inputStream(StreamReader<byte[]> reader) {
        Objects.requireNonNull(reader, "reader");
        reader.requireVat();
        return new ChunkInputStream(reader);
    }

    /**
     * An output stream, written on any thread but a vat's, that sends its bytes into
     * {@code writer} in chunks of {@code chunkBytes}: a write blocks while the stream's reader
     * has granted no room; {@code flush} sends what is buffered; {@code close} closes the stream
     * and blocks until its reader has consumed every chunk. A failed stream throws an
     * {@link java.io.IOException} carrying its problem.
     *
     * @throws IllegalArgumentException if {@code chunkBytes} is below 1
     */
    public static OutputStream outputStream(StreamWriter<byte[]> writer, int chunkBytes) {
        Objects.requireNonNull(writer, "writer");
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunks of " + chunkBytes + " bytes (expected: at least 1)");
        }
        writer.requireVat();
        return new ChunkOutputStream(writer, chunkBytes);
    }
}
