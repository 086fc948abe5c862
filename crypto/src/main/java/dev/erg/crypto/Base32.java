package dev.erg.crypto;

/**
 * RFC 4648 base32 without padding: written in lower case, read in either case. Decoding
 * rejects non-zero padding bits in the last character, so every byte string has exactly one
 * text form (up to case) and texts compare like the bytes they stand for.
 */
final class Base32 {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private Base32() {
    }

    static String encode(byte[] bytes) {
        StringBuilder text = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                text.append(ALPHABET.charAt((buffer >>> bits) & 31));
            }
            buffer &= (1 << bits) - 1;
        }
        if (bits > 0) {
            text.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return text.toString();
    }

    /**
     * Decodes {@code text}; {@code what} names the value in error messages.
     *
     * @throws IllegalArgumentException if the length cannot encode whole bytes, a character is
     *         outside the alphabet, or the last character has padding bits set
     */
    static byte[] decode(String text, String what) {
        int length = text.length();
        if (length * 5 % 8 >= 5) {
            throw new IllegalArgumentException(
                    what + ": " + length + " base32 characters cannot encode whole bytes");
        }
        byte[] bytes = new byte[length * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int next = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            int value = valueOf(c);
            if (value < 0) {
                throw new IllegalArgumentException(what + ": bad character " + Texts.quote(c)
                        + " at index " + i + " (expected a-z or 2-7)");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                bytes[next++] = (byte) (buffer >>> bits);
            }
            buffer &= (1 << bits) - 1;
        }
        if (buffer != 0) {
            throw new IllegalArgumentException(what + ": last character "
                    + Texts.quote(text.charAt(length - 1)) + " at index " + (length - 1)
                    + " has non-zero padding bits");
        }
        return bytes;
    }

    private static int valueOf(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        return -1;
    }
}
