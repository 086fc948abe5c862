package dev.erg.server.cluster;

import dev.erg.server.config.ClusterConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key every member of a cluster is given at start, never kept in the database: it seals
 * the placed vats' private keys there with AES-256-GCM, so that a reader of the database alone
 * cannot act as any vat. A key is 32 random bytes, written in base64.
 *
 * <p>A sealed value is a version byte, a random 12-byte nonce, and the ciphertext with its tag.
 * Each value is sealed for a <em>context</em> (the vat id it belongs to), authenticated with
 * it, so a sealed key copied to another vat's row does not open.
 */
public final class ClusterKey {

    static final int LENGTH = 32;
    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private ClusterKey(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** The key {@code raw}, 32 bytes. */
    static ClusterKey of(byte[] raw) {
        if (raw.length != LENGTH) {
            throw new IllegalArgumentException("a cluster key is " + LENGTH + " bytes, not " + raw.length);
        }
        return new ClusterKey(raw.clone());
    }

    /** A new random key, for tests and for making a cluster's first key. */
    static ClusterKey generate(SecureRandom random) {
        byte[] raw = new byte[LENGTH];
        random.nextBytes(raw);
        return new ClusterKey(raw);
    }

    /**
     * The key in {@code file}, or else in the environment variable {@value ClusterConfig#KEY_VARIABLE}
     * of {@code environment}.
     *
     * @throws ClusterException naming the file or variable and saying what is wrong
     */
    public static ClusterKey load(Optional<Path> file, Map<String, String> environment) {
        if (file.isPresent()) {
            Path path = file.get();
            byte[] bytes;
            try {
                bytes = Files.size(path) > 1024 ? null : Files.readAllBytes(path);
            } catch (NoSuchFileException e) {
                throw new ClusterException("cluster.key.file: no file " + path);
            } catch (IOException e) {
                throw new ClusterException("cluster.key.file: cannot read " + path + ": " + e.getMessage(), e);
            }
            if (bytes == null) {
                throw new ClusterException("cluster.key.file " + path + " is too large for a cluster key (" + LENGTH
                        + " bytes in base64)");
            }
            try {
                return decode(new String(bytes, StandardCharsets.ISO_8859_1), "cluster.key.file " + path);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        String text = environment.get(ClusterConfig.KEY_VARIABLE);
        if (text == null || text.isBlank()) {
            throw new ClusterException("no cluster key: set cluster.key.file in the configuration, or the environment"
                    + " variable " + ClusterConfig.KEY_VARIABLE + ", to " + LENGTH + " random bytes in base64, the same"
                    + " for every member (make one with `head -c 32 /dev/urandom | base64`)");
        }
        return decode(text, "the environment variable " + ClusterConfig.KEY_VARIABLE);
    }

    private static ClusterKey decode(String text, String where) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ClusterException(where + " is not base64: expected " + LENGTH + " random bytes in base64"
                    + " (make them with `head -c 32 /dev/urandom | base64`)");
        }
        if (raw.length != LENGTH) {
            Arrays.fill(raw, (byte) 0);
            throw new ClusterException(where + " holds " + raw.length + " bytes; a cluster key is " + LENGTH
                    + " random bytes in base64 (make them with `head -c 32 /dev/urandom | base64`)");
        }
        try {
            return new ClusterKey(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** {@code plain} sealed for {@code context}. */
    byte[] seal(byte[] plain, String context) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable: " + e, e);
        }
    }

    /**
     * What {@link #seal} sealed for {@code context}, opened; {@code what} names it in messages.
     *
     * @throws ClusterException if it was sealed under another cluster key or for another context,
     *                          or is damaged
     */
    byte[] open(byte[] sealed, String context, String what) {
        if (sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new ClusterException(what + " is damaged: not a value sealed by this build (" + sealed.length + " bytes)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
        } catch (AEADBadTagException e) {
            throw new ClusterException(what + " does not open with this server's cluster key: the key differs from the"
                    + " one it was sealed with (give every member the same cluster key), or the value was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable: " + e, e);
        }
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "ClusterKey[hidden]";
    }
}
