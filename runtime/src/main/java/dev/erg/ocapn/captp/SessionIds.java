package dev.erg.ocapn.captp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The identifiers of OCapN's CapTP draft: a side's public id, SHA-256 twice over the Syrup of
 * its session key ({@link Gcrypt}); a session's id, SHA-256 twice over {@code prot0} and both
 * public ids sorted as unsigned bytes. Handoff certificates name sessions and sides by them.
 */
public final class SessionIds {

    private static final byte[] PREFIX = "prot0".getBytes(StandardCharsets.US_ASCII);

    private SessionIds() {
    }

    /** The public id of the side whose session key is {@code q}. */
    public static byte[] publicId(byte[] q) {
        return sha256(sha256(Gcrypt.encodePublicKey(q)));
    }

    /** The id of the session between the sides whose session keys are {@code q1} and {@code q2}. */
    public static byte[] sessionId(byte[] q1, byte[] q2) {
        byte[] a = publicId(q1);
        byte[] b = publicId(q2);
        byte[] low = Arrays.compareUnsigned(a, b) <= 0 ? a : b;
        byte[] high = low == a ? b : a;
        byte[] input = new byte[PREFIX.length + low.length + high.length];
        System.arraycopy(PREFIX, 0, input, 0, PREFIX.length);
        System.arraycopy(low, 0, input, PREFIX.length, low.length);
        System.arraycopy(high, 0, input, PREFIX.length + low.length, high.length);
        return sha256(sha256(input));
    }

    /**
     * Which of two connections crossing between the same sides survives, by the draft's rule:
     * the one opened by the side whose encoded session key sorts higher. True if that is
     * {@code ours}.
     */
    public static boolean oursWinsCrossedHellos(byte[] ours, byte[] theirs) {
        return Arrays.compareUnsigned(Gcrypt.encodePublicKey(ours), Gcrypt.encodePublicKey(theirs)) > 0;
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
