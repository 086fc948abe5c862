package dev.erg.server.host;

import dev.erg.crypto.SwissNumber;
import dev.erg.crypto.VatIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A placed vat's key: its identity, and the key file's bytes that the directory keeps sealed.
 * The swiss number of the vat's root object is derived from the key by HMAC, so every server
 * that hosts the vat offers its root under the same sturdy ref without storing it anywhere,
 * and only a holder of the key could compute it.
 *
 * @param identity the vat's key pair
 * @param pem      its key file's bytes, PKCS#8 PEM
 */
record PlacedKey(VatIdentity identity, byte[] pem) {

    private static final byte[] ROOT_LABEL = "erg placed vat root".getBytes(StandardCharsets.US_ASCII);

    /** A new key, drawn from {@code random}. */
    static PlacedKey generate(SecureRandom random) {
        VatIdentity identity = VatIdentity.generate(random);
        return withKeyFile(file -> {
            identity.save(file, null);
            return new PlacedKey(identity, Files.readAllBytes(file));
        });
    }

    /**
     * The key whose key file's bytes are {@code pem}, as the directory opened them.
     *
     * @throws IllegalArgumentException if they are not an unencrypted Ed25519 key file
     */
    static PlacedKey of(byte[] pem) {
        return withKeyFile(file -> {
            Files.write(file, pem);
            try {
                return new PlacedKey(VatIdentity.load(file, null), pem.clone());
            } catch (IOException e) {
                if (Files.exists(file)) {
                    throw new IllegalArgumentException("not a placed vat's key: " + e.getMessage(), e);
                }
                throw e;
            }
        });
    }

    /** The swiss number of the vat's root object. */
    SwissNumber rootSwiss() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pem, "HmacSHA256"));
            return SwissNumber.fromBytes(mac.doFinal(ROOT_LABEL));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable: " + e, e);
        }
    }

    private interface KeyFileWork {
        PlacedKey run(Path file) throws IOException;
    }

    /** Runs {@code work} with a key file of the owner's only, removed after: the key file format is read from files. */
    private static PlacedKey withKeyFile(KeyFileWork work) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("erg-placed-key", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            return work.run(dir.resolve("vat.key"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot handle a placed vat's key file: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                try {
                    Files.deleteIfExists(dir.resolve("vat.key"));
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    // A leftover file of the owner's only, in the temporary directory.
                }
            }
        }
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "PlacedKey[" + identity.vatId() + "]";
    }
}
