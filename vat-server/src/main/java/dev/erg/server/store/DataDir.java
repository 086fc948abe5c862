package dev.erg.server.store;

import dev.erg.crypto.KeyFileException;
import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.server.config.ConfigFile;
import dev.erg.server.config.ServerConfig;
import dev.erg.server.config.SetupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A server's data directory: its identity, configuration and issued sturdy refs.
 *
 * <pre>
 * FORMAT          says this is a data directory, and of which format; written last by init
 * erg-server.conf the configuration ({@link ConfigFile})
 * identity.pem    the vat's private key, mode 0600, encrypted when a passphrase was given
 * vat-id          the vat id of that key, in the clear, for tools that have no passphrase
 * sturdy-refs     the sturdy refs issued ({@link SturdyStore}), mode 0600
 * admin.ref       while the server runs: the sturdy ref of its admin object, mode 0600
 * server.lock     locked by the running server ({@link DirLock}), and holding its process id
 * durable.db      the state of durable objects and the outbox, unless stored in PostgreSQL
 * services/NAME/  where the service NAME may keep files
 * </pre>
 *
 * Opening a directory checks that it is whole and consistent, so that a foreign, truncated or
 * mixed-up directory is refused with one line saying what to fix, before anything is changed.
 */
public final class DataDir {

    static final String FORMAT = "FORMAT";
    static final String FORMAT_LINE = "erg vat-server data directory, format 1";
    static final String KEY = "identity.pem";
    static final String VAT_ID = "vat-id";
    static final String STURDY = "sturdy-refs";
    static final String ADMIN = "admin.ref";
    static final String INSPECTOR = "inspector.url";
    static final String LOCK = "server.lock";
    static final String SERVICES = "services";
    static final String DURABLE = "durable.db";
    private static final List<String> REQUIRED = List.of(ConfigFile.NAME, KEY, VAT_ID, STURDY);

    private final Path root;
    private final VatId vatId;

    private DataDir(Path root, VatId vatId) {
        this.root = root;
        this.vatId = vatId;
    }

    /**
     * Makes a new data directory at {@code dir} with a new identity, whose key file is
     * encrypted with {@code passphrase} (null: not encrypted), and the configuration
     * {@code configText}. A directory that does not exist is built beside it and renamed into
     * place, so that it appears whole or not at all.
     *
     * @throws SetupException if {@code dir} exists and is not an empty directory, or cannot be written
     */
    public static DataDir init(Path dir, String configText, char[] passphrase) throws SetupException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new SetupException(dir + " exists and is not a directory; give init a new path");
            }
            if (!isEmpty(target)) {
                throw new SetupException(dir + " already exists and is not empty; init never overwrites a data directory,"
                        + " so give it a new or empty one");
            }
            try {
                return fill(target, configText, passphrase);
            } catch (IOException e) {
                throw new SetupException("cannot write " + dir + ": " + e.getMessage(), e);
            }
        }
        Path staging = null;
        try {
            Files.createDirectories(target.getParent());
            staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".init-");
            DataDir made = fill(staging, configText, passphrase);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.forceDirectory(target.getParent());
            return new DataDir(target, made.vatId);
        } catch (FileAlreadyExistsException e) {
            throw new SetupException(dir + " appeared while it was being made; init never overwrites a data directory");
        } catch (IOException e) {
            throw new SetupException("cannot make " + dir + ": " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    private static DataDir fill(Path dir, String configText, char[] passphrase) throws IOException {
        VatIdentity identity = VatIdentity.generate(new SecureRandom());
        identity.save(dir.resolve(KEY), passphrase);
        AtomicFiles.write(dir.resolve(VAT_ID), identity.vatId() + "\n");
        AtomicFiles.write(dir.resolve(ConfigFile.NAME), configText);
        SturdyStore.create(dir.resolve(STURDY));
        AtomicFiles.write(dir.resolve(FORMAT), FORMAT_LINE + "\n");
        return new DataDir(dir, identity.vatId());
    }

    /**
     * The data directory at {@code dir}, checked to be whole.
     *
     * @throws SetupException if it is missing, foreign, of another format, or incomplete
     */
    public static DataDir open(Path dir) throws SetupException {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw new SetupException("there is no data directory at " + dir + "; make one with `vat-server init " + dir + "`");
        }
        if (!Files.isDirectory(root)) {
            throw new SetupException(dir + " is not a directory; point --data at a data directory made by `vat-server init`");
        }
        String format;
        try {
            format = Files.readString(root.resolve(FORMAT), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new SetupException(isEmpty(root)
                    ? dir + " is empty; make a data directory there with `vat-server init " + dir + "`"
                    : dir + " is not a vat-server data directory (it has no " + FORMAT + " file);"
                            + " point --data at one made by `vat-server init`");
        } catch (IOException e) {
            throw new SetupException("cannot read " + root.resolve(FORMAT) + ": " + e.getMessage(), e);
        }
        if (!format.equals(FORMAT_LINE)) {
            String first = format.lines().findFirst().orElse("");
            throw new SetupException(dir + " is not a data directory this server can read: its " + FORMAT + " file says \""
                    + first.substring(0, Math.min(60, first.length())) + "\", expected \"" + FORMAT_LINE + "\"");
        }
        for (String name : REQUIRED) {
            if (!Files.isRegularFile(root.resolve(name))) {
                throw new SetupException("data directory " + dir + " is incomplete: " + name + " is missing;"
                        + " restore it from a backup, or make a new directory with `vat-server init`");
            }
        }
        VatId vatId;
        try {
            vatId = VatId.parse(Files.readString(root.resolve(VAT_ID), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new SetupException("cannot read " + root.resolve(VAT_ID) + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new SetupException(root.resolve(VAT_ID) + " is damaged: " + e.getMessage());
        }
        return new DataDir(root, vatId);
    }

    /** The directory. */
    public Path root() {
        return root;
    }

    /** The vat id of this server, as recorded beside its key. */
    public VatId vatId() {
        return vatId;
    }

    /**
     * The configuration; services may only name one of {@code makers}.
     *
     * @throws SetupException saying which line is wrong
     */
    public ServerConfig config(Collection<String> makers) throws SetupException {
        return ConfigFile.read(root.resolve(ConfigFile.NAME), makers);
    }

    /**
     * The server's identity, decrypted with {@code passphrase} (null if none was set).
     *
     * @throws SetupException if the key file is damaged, the passphrase is missing or wrong,
     *                        or the key is not the one {@code vat-id} names
     */
    public VatIdentity identity(char[] passphrase) throws SetupException {
        VatIdentity identity;
        try {
            identity = VatIdentity.load(root.resolve(KEY), passphrase);
        } catch (KeyFileException e) {
            String hint = switch (e.reason()) {
                case PASSPHRASE_REQUIRED, WRONG_PASSPHRASE ->
                        "; give the passphrase in the environment variable ERG_PASSPHRASE or with --passphrase-file";
                default -> "; restore it from a backup";
            };
            throw new SetupException(e.getMessage() + hint, e);
        } catch (IOException e) {
            throw new SetupException("cannot read " + root.resolve(KEY) + ": " + e.getMessage(), e);
        }
        if (!identity.vatId().equals(vatId)) {
            throw new SetupException(root.resolve(KEY) + " holds the key of vat " + identity.vatId() + ", but " + VAT_ID
                    + " names vat " + vatId + ": the directory mixes the files of two servers");
        }
        return identity;
    }

    /**
     * The sturdy refs issued.
     *
     * @throws SetupException naming the line that cannot be read
     */
    public SturdyStore sturdyRefs() throws SetupException {
        return SturdyStore.load(root.resolve(STURDY));
    }

    /** The lock of a running server on this directory, or empty if someone holds it. */
    public Optional<DirLock> tryLock() throws SetupException {
        try {
            return DirLock.tryAcquire(root.resolve(LOCK));
        } catch (IOException e) {
            throw new SetupException("cannot lock " + root.resolve(LOCK) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Who holds the lock of this directory: a running server (or a command editing it
     * offline) and its process id, or no one.
     *
     * @throws SetupException if the lock file cannot be read
     */
    public LockState lockState() throws SetupException {
        try {
            return DirLock.probe(root.resolve(LOCK));
        } catch (IOException e) {
            throw new SetupException("cannot read " + root.resolve(LOCK) + ": " + e.getMessage(), e);
        }
    }

    /** Where a running server writes the sturdy ref of its admin object. */
    public Path adminRefFile() {
        return root.resolve(ADMIN);
    }

    /** Where a running server writes the capability URL of its inspector page, when it serves one. */
    public Path inspectorUrlFile() {
        return root.resolve(INSPECTOR);
    }

    /** The SQLite database of durable state, when the configuration keeps it here. */
    public Path durableStore() {
        return root.resolve(DURABLE);
    }

    /** Where the service {@code name} may keep files; it may not exist yet. */
    public Path serviceDirectory(String name) {
        return root.resolve(SERVICES).resolve(name);
    }

    private static boolean isEmpty(Path dir) throws SetupException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            throw new SetupException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes {@code dir} and everything in it, as far as it can: for directories made to be thrown away. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // What could not be deleted stays behind; nothing reads it again.
        }
    }
}
