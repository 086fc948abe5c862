package dev.erg.wire.codec;

import java.nio.charset.StandardCharsets;

/**
 * The method names read lately, so that a name read again is the same {@code String}: its hash
 * is computed once, and the lookup of the method it names meets its own key and compares no
 * characters. A small table indexed by a hash of the bytes, each slot overwritten by the last
 * name that fell in it; only short ASCII names are kept. A peer that sends many names only
 * churns the table, whose size is fixed.
 *
 * <p>Shared by every reader: slots are written and read without locks, which is safe since a
 * {@code String} is immutable and a slot only ever holds a whole one.
 */
final class Names {

    /** Longer names, rare in interfaces, are read afresh. */
    static final int MAX_BYTES = 40;
    private static final int SLOTS = 512;
    private static final String[] TABLE = new String[SLOTS];

    private Names() {
    }

    /**
     * The name held by the {@code length} bytes of {@code buf} from {@code start}, the one read
     * before if it is still in the table, or null if they are not a short ASCII name.
     */
    static String lookUp(byte[] buf, int start, int length) {
        if (length > MAX_BYTES) {
            return null;
        }
        int hash = length;
        for (int i = start; i < start + length; i++) {
            byte b = buf[i];
            if (b < 0) {
                return null;
            }
            hash = 31 * hash + b;
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String known = TABLE[slot];
        if (known != null && matches(known, buf, start, length)) {
            return known;
        }
        String name = new String(buf, start, length, StandardCharsets.ISO_8859_1);
        TABLE[slot] = name;
        return name;
    }

    private static boolean matches(String known, byte[] buf, int start, int length) {
        if (known.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (known.charAt(i) != buf[start + i]) {
                return false;
            }
        }
        return true;
    }
}
