package dev.erg.bench.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * The message every system carries: {@value #SIZE} bytes, the first eight a sequence number
 * (big-endian) that tells which send an answer belongs to, the rest fixed filler.
 */
public final class Payload {

    public static final int SIZE = 64;

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final byte[] FILLER = filler();

    private Payload() {
    }

    /** A fresh payload carrying {@code sequence}. */
    public static byte[] of(long sequence) {
        byte[] payload = FILLER.clone();
        LONG.set(payload, 0, sequence);
        return payload;
    }

    /** The sequence number a payload carries; a payload of another size is a broken echo. */
    static long sequence(byte[] payload) {
        if (payload.length != SIZE) {
            throw new IllegalStateException("echoed " + payload.length + " bytes, sent " + SIZE);
        }
        return (long) LONG.get(payload, 0);
    }

    private static byte[] filler() {
        byte[] bytes = new byte[SIZE];
        new SplittableRandom(64).nextBytes(bytes);
        return bytes;
    }
}
