package dev.erg.stream;

import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.spi.Vats;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * An {@link OutputStream} that writes chunks into a {@link StreamWriter}. Each chunk is handed to
 * the writer's vat; the writing thread waits only for the room the chunk before it left, so one
 * chunk is always on its way while the next fills.
 */
final class ChunkOutputStream extends OutputStream {

    private final StreamWriter<byte[]> writer;
    private final Vat vat;
    private final int chunkBytes;
    private byte[] buffer;
    private int filled;
    private CompletableFuture<Void> room = CompletableFuture.completedFuture(null);
    private boolean closed;

    ChunkOutputStream(StreamWriter<byte[]> writer, int chunkBytes) {
        this.writer = writer;
        this.vat = writer.vat();
        this.chunkBytes = chunkBytes;
        this.buffer = new byte[chunkBytes];
    }

    @Override
    public void write(int b) throws IOException {
        requireOpen();
        buffer[filled++] = (byte) b;
        if (filled == chunkBytes) {
            send();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        requireOpen();
        while (length > 0) {
            int n = Math.min(length, chunkBytes - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == chunkBytes) {
                send();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        requireOpen();
        if (filled > 0) {
            send();
        }
        await(room);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        await(inVat(() -> writer.close(null)));
    }

    /** Hands the buffered bytes to the writer, once the chunk before has room. */
    private void send() throws IOException {
        await(room);
        byte[] chunk = filled == chunkBytes ? buffer : Arrays.copyOf(buffer, filled);
        buffer = new byte[chunkBytes];
        filled = 0;
        room = inVat(() -> writer.write(chunk));
    }

    /** Runs {@code action} in a turn of the writer's vat; completes as its promise settles. */
    private <T> CompletableFuture<Void> inVat(Supplier<Promise<T>> action) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        try {
            vat.run(() -> {
                try {
                    action.get().when(ok -> settled.complete(null),
                            problem -> settled.completeExceptionally(new IOException("the stream failed: " + problem)));
                } catch (RuntimeException e) {
                    settled.completeExceptionally(new IOException("the stream failed: " + e.getMessage(), e));
                }
            });
        } catch (IllegalStateException e) {
            settled.completeExceptionally(new IOException("the stream's vat is shut down", e));
        }
        return settled;
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("the stream is closed");
        }
        if (Vats.current() != null) {
            throw new IllegalStateException("a stream's output is written outside the turns of vats: it blocks");
        }
    }

    private static void await(CompletableFuture<Void> future) throws IOException {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for room in the stream");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
