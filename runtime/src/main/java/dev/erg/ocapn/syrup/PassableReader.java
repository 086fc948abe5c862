package dev.erg.ocapn.syrup;

import dev.erg.wire.codec.ProtocolError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads OCapN passable values from a {@link SyrupReader} as Erg's Java values, by the table in
 * {@code spec/ocapn.md}: the arguments of a delivery, a promise's resolution. References are
 * read by the {@link ReferenceCodec}; Syrup values that are not passable (sets, single floats,
 * dictionaries with other than string keys, records OCapN does not define) are refused.
 */
public final class PassableReader {

    private final SyrupReader in;
    private final ReferenceCodec references;

    public PassableReader(SyrupReader in, ReferenceCodec references) {
        this.in = in;
        this.references = references;
    }

    /** Reads the next passable value. */
    public Object read() {
        return switch (in.peek()) {
            case BOOLEAN -> in.readBoolean();
            case INTEGER -> in.readInteger();
            case FLOAT64 -> in.readFloat64();
            case STRING -> in.readString();
            case SYMBOL -> new Symbol(in.readSymbol());
            case BYTES -> in.readBytes();
            case LIST -> list();
            case DICTIONARY -> struct();
            case RECORD -> record();
            case FLOAT32 -> throw in.failure(ProtocolError.TYPE_MISMATCH, "float32",
                    "a passable value; OCapN's only float is float64");
            case SET -> throw in.failure(ProtocolError.TYPE_MISMATCH, "set", "a passable value");
        };
    }

    /** Reads a list of passable values, as the arguments of a delivery are. */
    public List<Object> list() {
        in.enter(SyrupKind.LIST);
        List<Object> items = new ArrayList<>();
        while (!in.closes()) {
            items.add(read());
        }
        return Collections.unmodifiableList(items);
    }

    private Map<String, Object> struct() {
        in.enter(SyrupKind.DICTIONARY);
        Map<String, Object> entries = new LinkedHashMap<>();
        while (!in.closes()) {
            if (in.peek() != SyrupKind.STRING) {
                throw in.mismatch("string, as a struct's keys are strings");
            }
            String key = in.readString();
            entries.put(key, read());
        }
        return Collections.unmodifiableMap(entries);
    }

    private Object record() {
        in.enter(SyrupKind.RECORD);
        if (in.peek() != SyrupKind.SYMBOL) {
            throw in.mismatch("symbol, as the labels of OCapN's records are");
        }
        int at = in.offset();
        String label = in.readSymbol();
        return switch (label) {
            case Passables.VOID -> {
                in.exit(label);
                yield Undefined.INSTANCE;
            }
            case Passables.NULL -> {
                in.exit(label);
                yield null;
            }
            case Passables.TAGGED -> {
                field(label, SyrupKind.SYMBOL, "a symbol, the tag");
                String tag = in.readSymbol();
                field(label, null, "a passable value, the tagged one");
                Object value = read();
                in.exit(label);
                yield new Tagged(tag, value);
            }
            case Passables.ERROR -> {
                field(label, SyrupKind.STRING, "a string, the message");
                String message = in.readString();
                in.exit(label);
                yield Passables.problem(message);
            }
            default -> {
                if (!references.reads(label)) {
                    throw new SyrupException(ProtocolError.UNKNOWN_NAME, at, "record label '" + label,
                            "void, null, desc:tagged, desc:error"
                                    + (references == ReferenceCodec.NONE ? "" : " or a descriptor"));
                }
                yield references.read(label, in);
            }
        };
    }

    /**
     * Checks that the record labelled {@code label} goes on with another field, of {@code kind}
     * unless that is {@code null}.
     */
    private void field(String label, SyrupKind kind, String expected) {
        int fields = in.itemCount() - 1;
        int at = in.offset();
        if (in.closes()) {
            throw new SyrupException(ProtocolError.TYPE_MISMATCH, at, label + " with " + fields + " fields", expected);
        }
        if (kind != null && in.peek() != kind) {
            throw in.mismatch(expected + " of " + label);
        }
    }
}
