package dev.erg.server.durable;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
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
        requireData(value, 0);
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot store a " + value.getClass().getName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static final int MAX_DEPTH = 64;

    private static void requireData(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("cannot store a value nested deeper than " + MAX_DEPTH);
        }
        switch (v) {
            case null -> {
            }
            case String s -> {
            }
            case Boolean b -> {
            }
            case Character c -> {
            }
            case Long n -> {
            }
            case Integer n -> {
            }
            case Short n -> {
            }
            case Byte n -> {
            }
            case Double n -> {
            }
            case Float n -> {
            }
            case BigInteger n -> {
            }
            case BigDecimal n -> {
            }
            case byte[] bytes -> {
            }
            case Enum<?> e -> {
            }
            case Object[] array -> {
                for (Object element : array) {
                    requireData(element, depth + 1);
                }
            }
            case Collection<?> elements -> {
                for (Object element : elements) {
                    requireData(element, depth + 1);
                }
            }
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    requireData(entry.getKey(), depth + 1);
                    requireData(entry.getValue(), depth + 1);
                }
            }
            case Record record when !Proxy.isProxyClass(record.getClass()) -> {
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    try {
                        Method accessor = component.getAccessor();
                        accessor.setAccessible(true);
                        requireData(accessor.invoke(record), depth + 1);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        throw new IllegalArgumentException("cannot read component " + component.getName() + " of "
                                + record.getClass().getName() + ": " + e, e);
                    }
                }
            }
            default -> throw new IllegalArgumentException("cannot store a " + v.getClass().getName()
                    + ": durable state and letters hold data only (records, lists, maps, strings, numbers, booleans,"
                    + " byte arrays, enums); keep a reference to another object as its sturdy ref's text");
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
