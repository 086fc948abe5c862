package dev.erg.server.spawn;

import dev.erg.confine.Bundle;
import dev.erg.confine.BundleRejectedException;
import dev.erg.server.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundles a vat maker keeps, by hash, within a bound on their bytes: when a new one would
 * not fit, the least recently used are forgotten until it does (a vat already running from
 * one goes on). Kept in memory, and, when opened on a directory, as {@code <sha256>.jar} files
 * there, written atomically, so that a spawn by hash works after a restart without a new
 * upload. A file read back at opening is checked against the hash it is named by and verified
 * again; one that fails is reported and ignored, never run. A file's modification time records
 * its last use. Used in the vat maker's vat only.
 */
public final class BundleStore {

    private static final Logger LOG = LoggerFactory.getLogger(BundleStore.class);
    private static final Pattern FILE = Pattern.compile("[0-9a-f]{64}\\.jar");
    private static final String SUFFIX = ".jar";

    private final Optional<Path> directory;
    private final long maxBytes;
    /** In order of use, least recent first. */
    private final LinkedHashMap<String, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    private BundleStore(Optional<Path> directory, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("a bound on bundle bytes must not be negative: " + maxBytes);
        }
        this.directory = directory;
        this.maxBytes = maxBytes;
    }

    /** A store in memory only, of at most {@code maxBytes} of bundles. */
    public static BundleStore inMemory(long maxBytes) {
        return new BundleStore(Optional.empty(), maxBytes);
    }

    /**
     * The store kept in {@code directory}, made if missing, of at most {@code maxBytes}: every
     * bundle file there is read back, checked against its name and verified by {@code verifier}.
     * If the files hold more than {@code maxBytes}, the least recently used are left out.
     *
     * @throws IOException if the directory cannot be made or listed
     */
    public static BundleStore open(Path directory, long maxBytes, BundleRunner verifier) throws IOException {
        BundleStore store = new BundleStore(Optional.of(directory), maxBytes);
        Files.createDirectories(directory);
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path file : entries) {
                if (FILE.matcher(file.getFileName().toString()).matches()) {
                    files.add(file);
                }
            }
        }
        files.sort(Comparator.comparing(BundleStore::lastUsed).reversed());
        for (Path file : files) {
            store.readBack(file, verifier);
        }
        return store;
    }

    /** The bundle called {@code hash}, marked as just used; empty if none is kept. */
    public Optional<Kept> get(String hash) {
        Kept found = hash == null ? null : kept.get(hash);
        if (found != null) {
            directory.ifPresent(dir -> touch(dir.resolve(hash + SUFFIX)));
        }
        return Optional.ofNullable(found);
    }

    /** Whether {@code hash} is kept; does not count as a use. */
    public boolean contains(String hash) {
        return kept.containsKey(hash);
    }

    /** Whether a bundle of {@code size} bytes can be kept at all. */
    public boolean fits(long size) {
        return size <= maxBytes;
    }

    /**
     * Keeps {@code bundle}, made of {@code jar}, forgetting the least recently used bundles
     * until it fits.
     *
     * @throws IllegalArgumentException if it is larger than the bound by itself
     * @throws UncheckedIOException     if its file cannot be written; nothing is then forgotten
     */
    public void put(Bundle bundle, byte[] jar) {
        if (!fits(jar.length)) {
            throw new IllegalArgumentException("a bundle of " + jar.length + " bytes is larger than the " + maxBytes
                    + " bytes of bundles kept");
        }
        if (kept.containsKey(bundle.hash())) {
            return;
        }
        if (directory.isPresent()) {
            try {
                AtomicFiles.write(directory.get().resolve(bundle.hash() + SUFFIX), jar);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep bundle " + bundle.hash() + ": " + e.getMessage(), e);
            }
        }
        while (bytes + jar.length > maxBytes) {
            evictOldest();
        }
        kept.put(bundle.hash(), new Kept(bundle, jar.clone()));
        bytes += jar.length;
    }

    /** Bytes of the bundles kept. */
    public long bytes() {
        return bytes;
    }

    /** The hashes kept, least recently used first. */
    public List<String> hashes() {
        return List.copyOf(kept.keySet());
    }

    private void evictOldest() {
        String oldest = kept.keySet().iterator().next();
        Kept gone = kept.remove(oldest);
        bytes -= gone.jar().length;
        directory.ifPresent(dir -> {
            try {
                Files.deleteIfExists(dir.resolve(oldest + SUFFIX));
            } catch (IOException e) {
                LOG.warn("cannot delete bundle file {}: {}; it is no longer kept", oldest, e.getMessage());
            }
        });
        LOG.info("bundle {} ({} bytes) forgotten to make room, least recently used", oldest, gone.jar().length);
    }

    /** Reads back {@code file}, most recently used first, while it fits. */
    private void readBack(Path file, BundleRunner verifier) {
        String name = file.getFileName().toString();
        String hash = name.substring(0, name.length() - SUFFIX.length());
        try {
            long size = Files.size(file);
            if (size > Bundle.MAX_BYTES || bytes + size > maxBytes) {
                LOG.warn("bundle file {} ({} bytes) is not loaded: it does not fit within the {} bytes of bundles kept",
                        file, size, maxBytes);
                return;
            }
            byte[] jar = Files.readAllBytes(file);
            Bundle bundle = Bundle.ofJar(jar);
            if (!bundle.hash().equals(hash)) {
                LOG.warn("bundle file {} is ignored: its content has the hash {}, not the one it is named by", file,
                        bundle.hash());
                return;
            }
            verifier.verify(bundle);
            kept.putFirst(hash, new Kept(bundle, jar));
            bytes += jar.length;
        } catch (BundleRejectedException e) {
            LOG.warn("bundle file {} is ignored: it no longer passes verification ({} violations, the first: {})", file,
                    e.violations().size(), e.violations().isEmpty() ? "" : e.violations().getFirst());
        } catch (IOException e) {
            LOG.warn("bundle file {} is ignored: cannot read it: {}", file, e.getMessage());
        }
    }

    private static FileTime lastUsed(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // The order of use is a hint for what to forget first; the bundle itself is kept.
        }
    }

    /** A bundle kept, and the jar it came from, for workers, which verify and load it themselves. */
    public record Kept(Bundle bundle, byte[] jar) {
    }
}
