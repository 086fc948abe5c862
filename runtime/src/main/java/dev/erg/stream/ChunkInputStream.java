package dev.erg.stream;

import dev.erg.vat.Problem;
import dev.erg.vat.spi.Vats;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An {@link InputStream} over a stream of byte chunks. The reader's vat hands chunks to a
 * queue as the reading thread asks for them, a few ahead, so the queue stays as short as the
 * prefetch and the stream's credit follows the reading thread's pace.
 */
final class ChunkInputStream extends InputStream {

    /** Chunks requested ahead of the one being read. */
    private static final int PREFETCH = 16;
    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private final Flow.Subscription subscription;
    private byte[] chunk = new byte[0];
    private int position;
    /** END, a Problem, or null while the stream goes on. */
    private Object ending;

    ChunkInputStream(StreamReader<byte[]> reader) {
        Flow.Subscription[] given = new Flow.Subscription[1];
        reader.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                given[0] = s;
            }

            @Override
            public void onNext(byte[] item) {
                arrived.add(item);
            }

            @Override
            public void onError(Throwable thrown) {
                arrived.add(Problem.from(thrown));
            }

            @Override
            public void onComplete() {
                arrived.add(END);
            }
        });
        subscription = given[0];
        subscription.request(PREFETCH);
    }

    @Override
    public int read() throws IOException {
        return nextChunk() ? chunk[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, into.length);
        if (length == 0) {
            return 0;
        }
        if (!nextChunk()) {
            return -1;
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, into, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return chunk.length - position;
    }

    @Override
    public void close() {
        if (ending == null) {
            ending = END;
            subscription.cancel();
        }
    }

    /** Whether a byte is ready to read, waiting for the next chunk if need be. */
    private boolean nextChunk() throws IOException {
        while (position == chunk.length) {
            if (ending != null) {
                return endOrThrow();
            }
            if (Vats.current() != null) {
                throw new IllegalStateException("a stream's input is read outside the turns of vats: it blocks");
            }
            Object next;
            try {
                next = arrived.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a chunk");
            }
            if (next instanceof byte[] bytes) {
                chunk = bytes;
                position = 0;
                subscription.request(1);
            } else {
                ending = next;
            }
        }
        return true;
    }

    private boolean endOrThrow() throws IOException {
        if (ending instanceof Problem problem) {
            throw new IOException("the stream failed: " + problem);
        }
        return false;
    }
}
