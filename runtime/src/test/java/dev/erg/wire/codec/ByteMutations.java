package dev.erg.wire.codec;

import java.util.Arrays;
import java.util.Random;

/** Small, seeded edits of encoded bytes, shared by the fuzz tests of the codec and of live sessions. */
public final class ByteMutations {

    private ByteMutations() {
    }

    public static byte[] flipBit(Random random, byte[] bytes) {
        if (bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }

    public static byte[] truncate(Random random, byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length == 0 ? 0 : random.nextInt(bytes.length));
    }

    /** Rewrites the additional information of a byte: another length, a wider head, indefinite. */
    public static byte[] editHead(Random random, byte[] bytes) {
        if (bytes.length > 0) {
            int at = random.nextInt(bytes.length);
            int[] infos = {0, 1, 23, 24, 25, 26, 27, 28, 31, random.nextInt(32)};
            bytes[at] = (byte) ((bytes[at] & 0xe0) | infos[random.nextInt(infos.length)]);
        }
        return bytes;
    }

    public static byte[] setByte(Random random, byte[] bytes) {
        if (bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    public static byte[] insert(Random random, byte[] bytes, byte[] insertion) {
        int at = random.nextInt(bytes.length + 1);
        byte[] result = new byte[bytes.length + insertion.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(insertion, 0, result, at, insertion.length);
        System.arraycopy(bytes, at, result, at + insertion.length, bytes.length - at);
        return result;
    }

    public static byte[] delete(Random random, byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        int at = random.nextInt(bytes.length);
        int length = 1 + random.nextInt(Math.min(8, bytes.length - at));
        byte[] result = new byte[bytes.length - length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(bytes, at + length, result, at, bytes.length - at - length);
        return result;
    }

    public static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
