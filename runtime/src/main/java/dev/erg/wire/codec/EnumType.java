package dev.erg.wire.codec;

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
            CborWriter writer = new CborWriter();
            writer.head(Cbor.TAG, Tag.ENUM);
            writer.head(Cbor.ARRAY, 2);
            writer.text(name, Integer.MAX_VALUE);
            writer.text(value.name(), Integer.MAX_VALUE);
            encodings[value.ordinal()] = writer.toByteArray();
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
