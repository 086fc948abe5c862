package dev.erg.server.durable;

/**
 * The encoding of {@link Letter} arguments and {@link Receipt} answers, for tests that write
 * letters by hand outside this package.
 */
public final class LetterCodec {

    private static final StateCodec CODEC = new StateCodec();

    private LetterCodec() {
    }

    /** {@code args} as a letter carries them: a CBOR array. */
    public static byte[] arguments(Object... args) {
        return CODEC.encode(args);
    }

    /** The answer a receipt carries, read as {@code type}. */
    public static <T> T answer(byte[] answer, Class<T> type) {
        return CODEC.decode(answer, type);
    }
}
