package dev.erg.server.hostile;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.dataformat.cbor.CBORFactory;
import tools.jackson.dataformat.cbor.CBORGenerator;
import tools.jackson.dataformat.cbor.CBORParser;
import tools.jackson.dataformat.cbor.CBORReadFeature;

/**
 * CBOR as {@code spec/README.md} sections 4 and 5 write it, read and written by Jackson's
 * CBOR parser and generator: an implementation that shares nothing with the runtime's codec.
 * Values are Java's: {@code null}, {@link Boolean}, {@link Long} or {@link BigInteger},
 * {@link String}, {@code byte[]}, {@link List}, {@link Map} with text keys, and {@link Tagged}
 * for the spec's tags (bignums are read as integers). Only what the suite sends is written,
 * and it is written deterministically: Jackson writes the shortest integer heads and
 * definite lengths when told the length.
 */
final class Cbor {

    /** Tags of spec section 5. */
    static final int MESSAGE = 40960;
    static final int RECORD = 40961;
    static final int PROBLEM = 40963;
    static final int IMPORT_OBJECT = 40964;
    static final int IMPORT_PROMISE = 40965;
    static final int EXPORT = 40966;
    static final int ANSWER = 40967;

    private static final CBORFactory JACKSON = CBORFactory.builder()
            .enable(CBORReadFeature.DECODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
            .build();

    private Cbor() {
    }

    /** A tag around an item. */
    record Tagged(int tag, Object content) {
        @Override
        public String toString() {
            return tag + "(" + Cbor.toString(content) + ")";
        }
    }

    /** {@code tag(content)}. */
    static Tagged tag(int tag, Object content) {
        return new Tagged(tag, content);
    }

    /** {@code 40960([op, fields…])}. */
    static Tagged message(long op, Object... fields) {
        List<Object> items = new ArrayList<>();
        items.add(op);
        items.addAll(java.util.Arrays.asList(fields));
        return new Tagged(MESSAGE, items);
    }

    /** The encoding of {@code value}. */
    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator generator = (CBORGenerator) JACKSON.createGenerator(ObjectWriteContext.empty(), out)) {
            write(generator, value);
        }
        return out.toByteArray();
    }

    private static void write(CBORGenerator out, Object value) {
        switch (value) {
            case null -> out.writeNull();
            case Boolean b -> out.writeBoolean(b);
            case Integer n -> out.writeNumber((long) n);
            case Long n -> out.writeNumber(n);
            case BigInteger n -> out.writeNumber(n);
            case String s -> out.writeString(s);
            case byte[] bytes -> out.writeBinary(bytes);
            case Tagged t -> {
                out.writeTag(t.tag());
                write(out, t.content());
            }
            case List<?> list -> {
                out.writeStartArray(list, list.size());
                for (Object item : list) {
                    write(out, item);
                }
                out.writeEndArray();
            }
            case Map<?, ?> map -> {
                out.writeStartObject(map, map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.writeName((String) entry.getKey());
                    write(out, entry.getValue());
                }
                out.writeEndObject();
            }
            default -> throw new IllegalArgumentException("cannot write " + value.getClass());
        }
    }

    /** The one item {@code bytes} hold. */
    static Object decode(byte[] bytes) {
        try (CBORParser parser = (CBORParser) JACKSON.createParser(ObjectReadContext.empty(), bytes)) {
            parser.nextToken();
            return read(parser);
        }
    }

    private static Object read(CBORParser parser) {
        int tag = parser.getCurrentTag();
        JsonToken token = parser.currentToken();
        Object item = switch (token) {
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(parser));
                }
                yield items;
            }
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    String key = parser.currentName();
                    parser.nextToken();
                    map.put(key, read(parser));
                }
                yield map;
            }
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT -> {
                Number n = parser.getNumberValue();
                yield n instanceof BigInteger big ? big : (Object) n.longValue();
            }
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            case VALUE_EMBEDDED_OBJECT -> parser.getBinaryValue();
            default -> throw new IllegalStateException("unexpected CBOR token " + token);
        };
        return tag >= 0 ? new Tagged(tag, item) : item;
    }

    /** Something like diagnostic notation, for failure messages. */
    static String toString(Object value) {
        return switch (value) {
            case null -> "null";
            case byte[] bytes -> "h'" + java.util.HexFormat.of().formatHex(bytes) + "'";
            case String s -> '"' + s + '"';
            case List<?> list -> list.stream().map(Cbor::toString).toList().toString();
            default -> value.toString();
        };
    }
}
