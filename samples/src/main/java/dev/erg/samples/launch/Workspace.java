package dev.erg.samples.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory for one run of a sample: its servers' data directories and logs. */
public final class Workspace implements AutoCloseable {

    private final Path path;

    private Workspace(Path path) {
        this.path = path;
    }

    /** A new, empty temporary directory whose name starts with {@code prefix}. */
    public static Workspace create(String prefix) throws IOException {
        return new Workspace(Files.createTempDirectory(prefix));
    }

    /** The directory. */
    public Path path() {
        return path;
    }

    /** Deletes the directory and everything in it. */
    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
