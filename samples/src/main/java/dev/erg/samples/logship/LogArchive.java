package dev.erg.samples.logship;

import dev.erg.stream.SendPort;
import dev.erg.stream.StreamReader;
import dev.erg.stream.Window;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An {@link Archive} that keeps each log as a file in its directory. A chunk is appended in the
 * turn that consumes it, so the stream acknowledges only what the file holds, and the file's
 * length is where a shipment resumes after a restart.
 */
final class LogArchive implements Archive {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,64}");

    private final Path directory;
    private final Set<String> open = new HashSet<>();

    LogArchive(Path directory) {
        this.directory = directory;
    }

    @Override
    public Promise<Long> stored(String name) {
        return Promise.of(size(file(name)));
    }

    @Override
    public Promise<SendPort<byte[]>> append(String name, long from) {
        Path file = file(name);
        if (open.contains(name)) {
            return Promise.broken(Problem.of(Problem.REFUSED, "a shipment to %s is open", name));
        }
        long stored = size(file);
        if (from != stored) {
            return Promise.broken(Problem.of("Conflict", "%s holds %d bytes, not %d", name, stored, from));
        }
        FileChannel out = openForAppend(file);
        StreamReader<byte[]> reader = StreamReader.open(byte[].class, Window.defaults());
        open.add(name);
        reader.forEach(chunk -> write(out, chunk)).when(last -> close(name, out), problem -> close(name, out));
        return Promise.of(reader.sendPort());
    }

    @Override
    public Promise<String> digest(String name) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Path file = file(name);
            if (Files.exists(file)) {
                sha.update(Files.readAllBytes(file));
            }
            return Promise.of(HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path file(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a log's name is 1 to 64 of a-z, 0-9 and -");
        }
        return directory.resolve(name + ".log");
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileChannel openForAppend(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(FileChannel out, byte[] chunk) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(chunk);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // Failing the turn cancels the stream: the shipper learns how far the archive got.
            throw new UncheckedIOException(e);
        }
    }

    private void close(String name, FileChannel out) {
        open.remove(name);
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
