package dev.erg.server.cli;

import dev.erg.crypto.KeyFileException;
import dev.erg.crypto.VatIdentity;
import dev.erg.server.config.SetupException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The identity the command line connects from: one Ed25519 key per user, made by the first
 * command that connects and kept in {@value #FILE} in the user's configuration directory,
 * readable by the user only, for every later one. It carries no authority (sturdy refs do);
 * it spares each call a new key, and lets a server see one caller across calls.
 */
final class ClientIdentity {

    /** The key file's name in the configuration directory. */
    static final String FILE = "client-identity.pem";

    private ClientIdentity() {
    }

    /**
     * The identity kept in the configuration directory of {@code launch}, made and kept there
     * first if there is none.
     *
     * @throws SetupException if it cannot be read or made
     */
    static VatIdentity load(Launch launch) throws SetupException {
        Path file = launch.configDirectory().resolve(FILE);
        if (Files.exists(file)) {
            return read(file);
        }
        Path fresh = file.resolveSibling("." + FILE + "." + ProcessHandle.current().pid());
        try {
            Files.createDirectories(file.getParent(), ownerOnly(file.getParent()));
            VatIdentity made = VatIdentity.generate(new SecureRandom());
            made.save(fresh, null);
            // Moved into place only if no other command made one meanwhile: all then use the same.
            Files.move(fresh, file);
            return made;
        } catch (FileAlreadyExistsException madeMeanwhile) {
            return read(file);
        } catch (IOException e) {
            throw new SetupException("cannot make the client identity " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(fresh);
            } catch (IOException e) {
                // A stray file of a key no one uses, readable by the user only.
            }
        }
    }

    private static VatIdentity read(Path file) throws SetupException {
        try {
            return VatIdentity.load(file, null);
        } catch (KeyFileException e) {
            throw new SetupException(e.getMessage() + "; delete it, and the next command makes a new client identity", e);
        } catch (IOException e) {
            throw new SetupException("cannot read the client identity " + file + ": " + e.getMessage(), e);
        }
    }

    /** Mode 0700 for a directory made for the key, where the file system has POSIX permissions. */
    private static FileAttribute<?>[] ownerOnly(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
    }
}
