package dev.erg.wire.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HashMap;
import java.util.Map;

/**
 * A registered enum type: its wire name, its constants by name, and the complete encoding of
 * each constant, prepared once so that writing a constant is one copy.
 */
public final class EnumType {

    private final String name;
    private final Map<String, Enum<?>> constants = new HashMap<>();
    private final byte[][] encodings;

    public EnumType(String name, Enum<?>[] values) {
        this.name = name;
        this.encodings = new byte[values.length][];
        for (Enum<?> value : values) {
            constants.put(value.name(), value);
            ByteBuf buf = Unpooled.buffer();
            CborWriter writer = new CborWriter(buf);
            writer.head(Cbor.TAG, Tag.ENUM);
            writer.head(Cbor.ARRAY, 2);
            writer.text(name, Integer.MAX_VALUE);
            writer.text(value.name(), Integer.MAX_VALUE);
            byte[] encoding = new byte[buf.readableBytes()];
            buf.readBytes(encoding);
            encodings[value.ordinal()] = encoding;
        }
    }

    public String name() {
        return name;
    }

    /** The constant called {@code constantName}, or {@code null} if there is none. */
    Enum<?> constant(String constantName) {
        return constants.get(constantName);
    }

    /** Writes {@code constant} completely: tag, array head, type name and constant name. */
    void write(Enum<?> constant, CborWriter writer) {
        writer.raw(encodings[constant.ordinal()], 4);
    }
}
