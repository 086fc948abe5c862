package dev.erg.crypto;

/** Formatting shared by the parsers' error messages. */
final class Texts {

    private Texts() {
    }

    /** A character as it should appear in an error message, readable even when invisible. */
    static String quote(char c) {
        return c > ' ' && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
