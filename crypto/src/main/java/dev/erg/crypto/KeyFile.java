package dev.erg.crypto;

import dev.erg.crypto.KeyFileException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The on-disk form of a vat's private key: PKCS#8 in PEM, which OpenSSL and most tools read.
 * With a passphrase it is PKCS#8 encrypted with PBES2: PBKDF2-HMAC-SHA256 and AES-256-CBC.
 */
final class KeyFile {

    private static final String PLAIN_LABEL = "PRIVATE KEY";
    private static final String ENCRYPTED_LABEL = "ENCRYPTED PRIVATE KEY";

    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            PosixFilePermissions.fromString("rw-------");

    /** Far more than any PEM private key needs; keeps a wrong path from filling memory. */
    private static final long MAX_SIZE = 64 * 1024;

    private KeyFile() {
    }

    /** Writes the key with {@code seed} to {@code file}, readable by its owner only. */
    static void write(Path file, byte[] seed, char[] passphrase) throws IOException {
        if (passphrase != null && passphrase.length == 0) {
            throw new IllegalArgumentException(
                    "passphrase: empty; pass null to write an unencrypted key file");
        }
        String pem = passphrase == null
                ? Pem.encode(PLAIN_LABEL, Ed25519Keys.privateKeyInfo(seed))
                : Pem.encode(ENCRYPTED_LABEL, Pkcs8Keys.encrypt(seed, passphrase));
        writeOwnerOnly(file, pem.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads the seed of the Ed25519 key in {@code file}.
     *
     * @throws KeyFileException if the file is readable but does not hold a usable key
     */
    static byte[] read(Path file, char[] passphrase) throws IOException {
        long size = Files.size(file);
        if (size > MAX_SIZE) {
            throw new KeyFileException(file, Reason.MALFORMED,
                    "too large: " + size + " bytes (expected: <= " + MAX_SIZE + ")");
        }
        // ISO-8859-1 maps every byte to a character, so binary junk is reported as "not PEM".
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        Pem.Block block = Pem.firstBlock(file, text);
        return switch (block.label()) {
            case PLAIN_LABEL -> {
                byte[] der = Pem.decodeBody(file, block);
                // The canonical encoding, which this class and OpenSSL write, needs no ASN.1 parser.
                byte[] seed = Ed25519Keys.seedOfCanonical(der);
                yield seed != null ? seed : Pkcs8Keys.seedOf(file, der);
            }
            case ENCRYPTED_LABEL -> {
                if (passphrase == null) {
                    throw new KeyFileException(file, Reason.PASSPHRASE_REQUIRED,
                            "the key is encrypted and no passphrase was given");
                }
                yield Pkcs8Keys.decrypt(file, Pem.decodeBody(file, block), passphrase);
            }
            default -> throw new KeyFileException(file, Reason.NOT_ED25519,
                    "expected an Ed25519 private key, found a PEM '" + block.label() + "' block");
        };
    }

    /**
     * Replaces {@code file} with {@code content} so that no reader ever sees a partial file
     * and, where the file system has POSIX permissions, no one but the owner can ever read it:
     * the content goes to a temporary file created with mode 0600, which is then renamed.
     */
    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
        String prefix = "." + target.getFileName() + ".";
        Path temporary = Files.createTempFile(directory, prefix, ".tmp", ownerOnly);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target,
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        if (posix) {
            // Make the rename itself durable, so a crash cannot bring back the old file or none.
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            }
        }
    }
}
