package dev.erg.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The unguessable secret that makes a sturdy reference a capability: {@value #LENGTH}
 * random bytes, written as URL-safe base64 without padding ({@value #TEXT_LENGTH}
 * characters). Anyone who learns it holds the authority it stands for.
 *
 * <p>Equality takes the same time wherever two numbers differ, so comparing a guess against
 * a real number leaks nothing about how close the guess was. {@link #toString()} never
 * shows the secret; use {@link #text()} where the secret itself is meant to be written.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SwissNumber {

    /** Length in bytes: 256 bits. */
    public static final int LENGTH = 32;

    /** Length of the text form in characters. */
    public static final int TEXT_LENGTH = 43;

    private static final String ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final byte[] secret;

    private SwissNumber(byte[] secret) {
        this.secret = secret;
    }

    /** A new swiss number drawn from {@code random}. */
    public static SwissNumber random(SecureRandom random) {
        byte[] secret = new byte[LENGTH];
        random.nextBytes(secret);
        return new SwissNumber(secret);
    }

    /**
     * The swiss number written as {@code text}.
     *
     * @throws IllegalArgumentException if {@code text} is not {@value #TEXT_LENGTH} URL-safe
     *         base64 characters of a canonical encoding; the message says which rule was
     *         broken but never repeats the text
     */
    public static SwissNumber parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() != TEXT_LENGTH) {
            throw new IllegalArgumentException("swiss number: expected " + TEXT_LENGTH
                    + " characters, got " + text.length());
        }
        for (int i = 0; i < TEXT_LENGTH; i++) {
            char c = text.charAt(i);
            if (ALPHABET.indexOf(c) < 0) {
                throw new IllegalArgumentException("swiss number: bad character "
                        + Texts.quote(c) + " at index " + i
                        + " (expected A-Z, a-z, 0-9, '-' or '_')");
            }
        }
        // 43 characters carry 258 bits; the last character's two low bits are padding.
        char last = text.charAt(TEXT_LENGTH - 1);
        if ((ALPHABET.indexOf(last) & 0b11) != 0) {
            throw new IllegalArgumentException("swiss number: last character " + Texts.quote(last)
                    + " at index " + (TEXT_LENGTH - 1) + " has non-zero padding bits");
        }
        return new SwissNumber(Base64.getUrlDecoder().decode(text));
    }

    /**
     * The swiss number whose {@link #bytes()} are {@code bytes}.
     *
     * @throws IllegalArgumentException if {@code bytes} is not {@value #LENGTH} bytes long
     */
    public static SwissNumber fromBytes(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException(
                    "swiss number: expected " + LENGTH + " bytes, got " + bytes.length);
        }
        return new SwissNumber(bytes.clone());
    }

    /** The secret as text, for writing into a sturdy reference. */
    public String text() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** A copy of the secret bytes. */
    public byte[] bytes() {
        return secret.clone();
    }

    /** Compares in time independent of where the numbers differ. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SwissNumber that && MessageDigest.isEqual(secret, that.secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secret);
    }

    /** {@code SwissNumber[redacted]}: logs and error messages must not leak the secret. */
    @Override
    public String toString() {
        return "SwissNumber[redacted]";
    }
}
