package dev.erg.server.durable;

import java.lang.reflect.Type;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * Encodes durable state, arguments and answers as CBOR, records as maps keyed by component
 * name, so that a record may gain or lose components between the write and the read.
 */
final class StateCodec {

    private final CBORMapper mapper = CBORMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /**
     * The CBOR form of {@code value}.
     *
     * @throws IllegalArgumentException if {@code value} holds anything but data: a live
     *                                  reference, say, which no store can keep
     */
    byte[] encode(Object value) {
        DataOnly.require(value);
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot store a " + value.getClass().getName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    <S> S decode(byte[] bytes, Class<S> type) {
        try {
            return mapper.readValue(bytes, type);
        } catch (JacksonException e) {
            throw new StoredDataException("cannot read a stored " + type.getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Any stored value as plain data: numbers, strings, booleans, byte arrays, lists and maps. */
    Object decodePlain(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        return decode(bytes, Object.class);
    }

    /**
     * The elements of the CBOR array {@code bytes}, each read as the matching type of
     * {@code types}.
     *
     * @throws IllegalArgumentException if it is not such an array
     */
    Object[] decodeArguments(byte[] bytes, Type[] types) {
        JsonNode array;
        try {
            array = mapper.readTree(bytes);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("arguments are not CBOR: " + e.getOriginalMessage(), e);
        }
        if (array == null || !array.isArray() || array.size() != types.length) {
            throw new IllegalArgumentException("expected an array of " + types.length + " arguments");
        }
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            JavaType type = mapper.getTypeFactory().constructType(types[i]);
            try {
                args[i] = mapper.treeToValue(array.get(i), type);
            } catch (JacksonException e) {
                throw new IllegalArgumentException("argument " + (i + 1) + " is not a " + type + ": "
                        + e.getOriginalMessage(), e);
            }
        }
        return args;
    }
}
