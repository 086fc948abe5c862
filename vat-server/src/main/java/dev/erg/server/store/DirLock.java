package dev.erg.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lock a running server holds on its data directory, so that no second server starts on
 * it and the command line knows to go through the running one. The operating system releases
 * it when the process ends, however it ends; the lock file itself stays. While the lock is
 * held the file holds the holder's process id, for {@code stop} and {@code status}; letting go
 * empties it, so a process id left in the file of a free lock names a holder that was killed.
 */
public final class DirLock implements AutoCloseable {

    /** Longer than any process id with its newline; more is not a process id. */
    private static final int MAX_CONTENT = 32;

    private final FileChannel channel;
    private final FileLock lock;
    private final OptionalLong stalePid;

    private DirLock(FileChannel channel, FileLock lock, OptionalLong stalePid) {
        this.channel = channel;
        this.lock = lock;
        this.stalePid = stalePid;
    }

    /**
     * The lock on {@code file}, with this process's id written into it, or empty if a process
     * (this one included) holds it.
     */
    static Optional<DirLock> tryAcquire(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = tryLock(channel);
            if (lock != null) {
                OptionalLong stale = pidIn(channel);
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                return Optional.of(new DirLock(channel, lock, stale));
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        channel.close();
        return Optional.empty();
    }

    /** Who holds the lock on {@code file}; finding out takes a free lock for a moment, and changes nothing. */
    static LockState probe(Path file) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException never) {
            return new LockState.Free(OptionalLong.empty());
        }
        try (channel) {
            FileLock lock = tryLock(channel);
            OptionalLong pid = pidIn(channel);
            if (lock == null) {
                return new LockState.Held(pid);
            }
            lock.release();
            return new LockState.Free(pid);
        }
    }

    /** The process id a holder that did not let go left in the file, found when this lock was taken. */
    public OptionalLong stalePid() {
        return stalePid;
    }

    /** Empties the file and releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            // Another part of this JVM holds it: as held as by another process.
            return null;
        }
    }

    /** The process id the file holds, if it holds one: anything else is as good as nothing. */
    private static OptionalLong pidIn(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_CONTENT);
        int read;
        do {
            read = channel.read(buffer, buffer.position());
        } while (read > 0 && buffer.hasRemaining());
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        if (!text.matches("[1-9][0-9]{0,17}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(text));
    }
}
