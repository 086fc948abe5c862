package dev.erg.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The names and contents of every file under a directory, to show that nothing changed. */
public record Snapshot(Map<String, String> files) {

    /** The files under {@code dir} now; the lock file, which the OS manages, is left out. */
    public static Snapshot of(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(p).toString();
                if (!name.equals("server.lock")) {
                    files.put(name, Arrays.toString(Files.readAllBytes(p)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Snapshot(files);
    }
}
