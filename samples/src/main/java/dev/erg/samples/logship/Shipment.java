package dev.erg.samples.logship;

import dev.erg.stream.SendPort;
import dev.erg.stream.StreamWriter;
import dev.erg.vat.Promise;
import dev.erg.vat.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Ships a log file to an {@link Archive} from where the archive's copy ends, and follows the
 * file as it grows until the day is over: chunks of 64 KiB go as fast as the archive grants
 * credit. Runs in the turns of the shipper's vat.
 */
final class Shipment {

    static final int CHUNK = 64 * 1024;
    /** How often the end of a growing log is read again. */
    private static final Duration TAIL = Duration.ofMillis(20);

    private final FileChannel in;
    private final Timer timer;
    private final BooleanSupplier dayOver;
    private StreamWriter<byte[]> writer;

    private Shipment(FileChannel in, Timer timer, BooleanSupplier dayOver) {
        this.in = in;
        this.timer = timer;
        this.dayOver = dayOver;
    }

    /**
     * Ships what {@code archive} lacks of {@code file} as the log {@code name}, then what is
     * written to it, until {@code dayOver} (once it is, the file must no longer grow).
     *
     * @return the number of bytes the archive holds at the end; broken as the stream is, for
     *         instance {@code Unavailable} if the archive goes away
     */
    static Promise<Long> resume(Archive archive, String name, Path file, Timer timer, BooleanSupplier dayOver) {
        return archive.stored(name).thenCompose(from -> archive.append(name, from)
                .thenCompose(port -> start(port, file, from, new Shipment(open(file, from), timer, dayOver))));
    }

    private static Promise<Long> start(SendPort<byte[]> port, Path file, long from, Shipment shipment) {
        shipment.writer = StreamWriter.to(port, byte[].class);
        shipment.pump();
        Promise<Long> done = shipment.writer.done();
        done.when(chunks -> shipment.closeFile(), problem -> shipment.closeFile());
        return done.then(chunks -> from + shippedSince(file, from));
    }

    /** Writes chunks while the archive has room; goes on when it has again, or the log grows. */
    private void pump() {
        while (true) {
            // Read after asking: a day over before the read leaves nothing after the end.
            boolean over = dayOver.getAsBoolean();
            byte[] chunk = read();
            if (chunk == null && over) {
                writer.close(null);
                return;
            }
            if (chunk == null) {
                timer.after(TAIL).when(ok -> pump(), problem -> { });
                return;
            }
            Promise<Void> room = writer.write(chunk);
            if (!room.isFulfilled()) {
                room.when(ok -> pump(), problem -> { });
                return;
            }
        }
    }

    private byte[] read() {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            int n;
            do {
                n = in.read(buffer);
            } while (n > 0 && buffer.hasRemaining());
            if (buffer.position() == 0) {
                return null;
            }
            byte[] chunk = new byte[buffer.position()];
            buffer.flip().get(chunk);
            return chunk;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileChannel open(Path file, long from) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(from);
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long shippedSince(Path file, long from) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.size() - from;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeFile() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
