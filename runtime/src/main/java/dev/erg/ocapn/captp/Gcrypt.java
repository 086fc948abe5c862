package dev.erg.ocapn.captp;

import dev.erg.ocapn.syrup.SyrupException;
import dev.erg.ocapn.syrup.SyrupKind;
import dev.erg.ocapn.syrup.SyrupReader;
import dev.erg.ocapn.syrup.SyrupWriter;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.ProtocolError;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * The Syrup forms OCapN's drafts take from libgcrypt's s-expressions for Ed25519: a public key
 * {@code ['public-key ['ecc ['curve 'Ed25519] ['flags 'eddsa] ['q q]]]} and a signature
 * {@code ['sig-val ['eddsa ['r r] ['s s]]]}, each of {@code q}, {@code r}, {@code s} 32 bytes.
 * Read strictly: any other shape, curve or length is refused.
 */
public final class Gcrypt {

    /** Length of {@code q}, {@code r} and {@code s}. */
    public static final int PART_LENGTH = 32;

    private Gcrypt() {
    }

    /** The Syrup encoding of the public key {@code q}, the 32 raw bytes of an Ed25519 key. */
    public static byte[] encodePublicKey(byte[] q) {
        SyrupWriter out = new SyrupWriter(Unpooled.buffer(), WireLimits.defaults());
        writePublicKey(out, q);
        out.finish();
        return out.toByteArray();
    }

    /** Writes the public key {@code q}. */
    public static void writePublicKey(SyrupWriter out, byte[] q) {
        requireLength(q, "q");
        out.open(SyrupKind.LIST);
        out.symbol("public-key");
        out.open(SyrupKind.LIST);
        out.symbol("ecc");
        pair(out, "curve", "Ed25519");
        pair(out, "flags", "eddsa");
        out.open(SyrupKind.LIST);
        out.symbol("q");
        out.bytes(q);
        out.close();
        out.close();
        out.close();
    }

    /** Reads a public key, returning its {@code q}. */
    public static byte[] readPublicKey(SyrupReader in) {
        in.enter(SyrupKind.LIST);
        symbol(in, "public-key");
        in.enter(SyrupKind.LIST);
        symbol(in, "ecc");
        pair(in, "curve", "Ed25519");
        pair(in, "flags", "eddsa");
        byte[] q = part(in, "q");
        in.exit("ecc");
        in.exit("public-key");
        return q;
    }

    /** Writes the 64-byte Ed25519 signature {@code signature} as its {@code r} and {@code s}. */
    public static void writeSignature(SyrupWriter out, byte[] signature) {
        if (signature.length != 2 * PART_LENGTH) {
            throw new IllegalArgumentException("signature of " + signature.length + " bytes (expected: 64)");
        }
        out.open(SyrupKind.LIST);
        out.symbol("sig-val");
        out.open(SyrupKind.LIST);
        out.symbol("eddsa");
        for (String name : new String[] {"r", "s"}) {
            out.open(SyrupKind.LIST);
            out.symbol(name);
            int from = name.equals("r") ? 0 : PART_LENGTH;
            out.bytes(Arrays.copyOfRange(signature, from, from + PART_LENGTH));
            out.close();
        }
        out.close();
        out.close();
    }

    /** Reads a signature, returning its 64 bytes, {@code r} then {@code s}. */
    public static byte[] readSignature(SyrupReader in) {
        in.enter(SyrupKind.LIST);
        symbol(in, "sig-val");
        in.enter(SyrupKind.LIST);
        symbol(in, "eddsa");
        byte[] r = part(in, "r");
        byte[] s = part(in, "s");
        in.exit("eddsa");
        in.exit("sig-val");
        byte[] signature = Arrays.copyOf(r, 2 * PART_LENGTH);
        System.arraycopy(s, 0, signature, PART_LENGTH, PART_LENGTH);
        return signature;
    }

    private static void pair(SyrupWriter out, String name, String value) {
        out.open(SyrupKind.LIST);
        out.symbol(name);
        out.symbol(value);
        out.close();
    }

    private static void pair(SyrupReader in, String name, String value) {
        in.enter(SyrupKind.LIST);
        symbol(in, name);
        symbol(in, value);
        in.exit(name);
    }

    private static byte[] part(SyrupReader in, String name) {
        in.enter(SyrupKind.LIST);
        symbol(in, name);
        long at = in.offset();
        byte[] value = in.readBytes();
        if (value.length != PART_LENGTH) {
            throw new SyrupException(ProtocolError.INVALID_VALUE, at, name + " of " + value.length + " bytes",
                    PART_LENGTH + " bytes");
        }
        in.exit(name);
        return value;
    }

    private static void symbol(SyrupReader in, String expected) {
        long at = in.offset();
        String found = in.readSymbol();
        if (!found.equals(expected)) {
            throw new SyrupException(ProtocolError.INVALID_VALUE, at, "'" + found, "'" + expected);
        }
    }

    private static void requireLength(byte[] part, String name) {
        if (part.length != PART_LENGTH) {
            throw new IllegalArgumentException(name + " of " + part.length + " bytes (expected: 32)");
        }
    }
}
