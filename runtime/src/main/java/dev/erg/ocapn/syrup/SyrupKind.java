package dev.erg.ocapn.syrup;

/** The kinds of Syrup item, as a {@link SyrupReader} tells them apart before reading one. */
public enum SyrupKind {
    /** {@code t} or {@code f}. */
    BOOLEAN("boolean"),
    /** {@code F} and 4 bytes, an IEEE 754 binary32, big-endian. */
    FLOAT32("float32"),
    /** {@code D} and 8 bytes, an IEEE 754 binary64, big-endian. */
    FLOAT64("float64"),
    /** Decimal digits and {@code +} or {@code -}. */
    INTEGER("integer"),
    /** A decimal length, {@code :} and that many bytes. */
    BYTES("byte string"),
    /** A decimal length, {@code "} and that many bytes of UTF-8. */
    STRING("string"),
    /** A decimal length, {@code '} and that many bytes of UTF-8. */
    SYMBOL("symbol"),
    /** {@code [}, the items, {@code ]}. */
    LIST("list"),
    /** {@code {}, keys and values alternately, keys sorted by their encoding, {@code }}. */
    DICTIONARY("dictionary"),
    /** {@code #}, the items sorted by their encoding, {@code $}. */
    SET("set"),
    /** {@code <}, the label, the fields, {@code >}. */
    RECORD("record");

    private final String description;

    SyrupKind(String description) {
        this.description = description;
    }

    /** The kind as error messages name it, e.g. {@code "byte string"}. */
    public String description() {
        return description;
    }

    /** Whether items of this kind hold other items: lists, dictionaries, sets and records. */
    public boolean isContainer() {
        return this == LIST || this == DICTIONARY || this == SET || this == RECORD;
    }

    /** The byte that opens a container of this kind. */
    int opener() {
        return switch (this) {
            case LIST -> '[';
            case DICTIONARY -> '{';
            case SET -> '#';
            case RECORD -> '<';
            default -> throw new IllegalArgumentException(this + " is not a container");
        };
    }

    /** The byte that closes a container of this kind. */
    int closer() {
        return switch (this) {
            case LIST -> ']';
            case DICTIONARY -> '}';
            case SET -> '$';
            case RECORD -> '>';
            default -> throw new IllegalArgumentException(this + " is not a container");
        };
    }
}
