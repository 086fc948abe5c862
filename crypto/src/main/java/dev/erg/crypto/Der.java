package dev.erg.crypto;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** The few DER encodings (X.690) this package writes itself, without an ASN.1 library. */
final class Der {

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int BOOLEAN = 0x01;
    static final int UTF8_STRING = 0x0c;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    private Der() {
    }

    /** The tag, length and contents of one value whose contents are the {@code parts}, in order. */
    static byte[] tlv(int tag, byte[]... parts) {
        byte[] contents = concat(parts);
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        int length = contents.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    /** A context-specific, constructed tag: {@code [number] EXPLICIT}. */
    static int explicit(int number) {
        return 0xa0 | number;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
