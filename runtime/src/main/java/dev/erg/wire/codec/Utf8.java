package dev.erg.wire.codec;

/** The UTF-8 size of text, computed before any byte is written, so writers can check limits first. */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * The UTF-8 length of {@code text}, or {@code -1 - i} if the char at {@code i} is a
     * surrogate without its partner.
     */
    public static int length(String text) {
        int chars = text.length();
        int bytes = chars;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 2;
                i++;
            } else {
                return -1 - i;
            }
        }
        return bytes;
    }
}
