package dev.erg.wire.codec;

import dev.erg.vat.Problem;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads application values: data, registered records and enums, problems, and references,
 * which it hands to the {@link ReferenceDecoder}. Each value is read against the
 * {@link Expect} of its position, so record components are checked and converted where they
 * are read.
 */
final class ValueReader {

    private static final String NO_REFERENCES_IN_KEYS = "no byte strings or references in map keys";

    private final ItemReader items;
    private final CborReader in;
    private final WireLimits limits;
    private final PassableRegistry registry;
    private final ReferenceDecoder references;
    /** Whether values this side cannot make sense of become {@link Unreadable}s rather than failures. */
    private boolean lenient;
    private Unreadable firstUnreadable;

    ValueReader(ItemReader items, PassableRegistry registry, ReferenceDecoder references) {
        this.items = items;
        this.in = items.cbor();
        this.limits = items.limits();
        this.registry = registry;
        this.references = references;
    }

    /**
     * Reads any passable value.
     *
     * @param expect what the position requires
     * @param depth  how many arrays and maps surround the value
     * @param key    whether the value is (inside) a map key, where byte strings and references
     *               may not appear
     */
    Object value(Expect expect, int depth, boolean key) {
        int initial = items.next();
        Object value = switch (initial >>> 5) {
            case Cbor.UNSIGNED -> unsigned(in.argument(initial));
            case Cbor.NEGATIVE -> negative(in.argument(initial));
            case Cbor.BYTES -> {
                if (key) {
                    throw PathFailure.of(ProtocolError.TYPE_MISMATCH, "byte string in a map key",
                            NO_REFERENCES_IN_KEYS);
                }
                yield in.bytes(in.length(initial, "byte string", limits.maxBytesLength(), 1));
            }
            case Cbor.TEXT -> in.text(in.length(initial, "text string", limits.maxStringBytes(), 1));
            case Cbor.ARRAY -> list(initial, expect.item(), depth, key);
            case Cbor.MAP -> map(initial, expect, depth, key);
            case Cbor.TAG -> tagged(initial, expect, depth, key);
            default -> simple(initial);
        };
        if (expect == Expect.ANY || value instanceof Unreadable) {
            return value;
        }
        if (!lenient) {
            return expect.accept(value);
        }
        try {
            return expect.accept(value);
        } catch (PathFailure f) {
            return unreadable(Expect.describe(value) + " where " + expect.typeName() + " is declared");
        }
    }

    /**
     * Reads a message's arguments, letting a well-formed value this side cannot make sense of
     * stand as an {@link Unreadable}: the arguments are then that one {@code Unreadable}.
     */
    List<Object> arguments(int depth) {
        lenient = true;
        firstUnreadable = null;
        try {
            List<Object> args = values(depth);
            return firstUnreadable == null ? args : new ImmutableList(new Object[] {firstUnreadable});
        } finally {
            lenient = false;
        }
    }

    private Unreadable unreadable(String reason) {
        Unreadable u = new Unreadable(reason);
        if (firstUnreadable == null) {
            firstUnreadable = u;
        }
        return u;
    }

    /** Reads and drops the {@code count} items left in a record this side cannot read. */
    private void skip(int count, int depth, boolean key) {
        for (int i = 0; i < count; i++) {
            value(Expect.ANY, depth, key);
        }
    }

    /** Reads a list of any values at {@code depth}, as message arguments are. */
    List<Object> values(int depth) {
        int initial = items.next();
        if (initial >>> 5 != Cbor.ARRAY) {
            throw items.mismatch(initial, "array");
        }
        return list(initial, Expect.ANY, depth, false);
    }

    private static Object unsigned(long argument) {
        return argument >= 0 ? Long.valueOf(argument) : BigInteger.valueOf(argument & Long.MAX_VALUE).setBit(63);
    }

    private static Object negative(long argument) {
        return argument >= 0 ? Long.valueOf(-1 - argument) : ((BigInteger) unsigned(argument)).not();
    }

    private List<Object> list(int initial, Expect item, int depth, boolean key) {
        int length = in.length(initial, "list", limits.maxCollectionLength(), 1);
        int inner = items.enter(depth);
        if (length == 0) {
            return ImmutableList.EMPTY;
        }
        Object[] values = new Object[length];
        for (int i = 0; i < length; i++) {
            try {
                values[i] = value(item, inner, key);
            } catch (PathFailure f) {
                throw f.atIndex(i);
            }
        }
        return new ImmutableList(values);
    }

    private Map<Object, Object> map(int initial, Expect expect, int depth, boolean key) {
        int length = in.length(initial, "map", limits.maxCollectionLength(), 2);
        int inner = items.enter(depth);
        if (length == 0) {
            return Collections.emptyMap();
        }
        Map<Object, Object> map = LinkedHashMap.newLinkedHashMap(length);
        int previousStart = 0;
        int previousEnd = 0;
        for (int i = 0; i < length; i++) {
            int start = in.position();
            Object k;
            try {
                k = value(expect.key(), inner, true);
            } catch (PathFailure f) {
                throw f.at(keySegment(i));
            }
            int end = in.position();
            if (i > 0) {
                int order = in.compare(previousStart, previousEnd, start, end);
                if (order == 0) {
                    throw PathFailure.of(ProtocolError.DUPLICATE_KEY, "duplicate map key", null)
                            .at(keySegment(i));
                }
                if (order > 0) {
                    throw PathFailure.of(ProtocolError.NON_CANONICAL, "map key out of order",
                            "keys sorted by their encoded bytes").at(keySegment(i));
                }
            }
            previousStart = start;
            previousEnd = end;
            try {
                map.put(k, value(expect.value(), inner, key));
            } catch (PathFailure f) {
                throw f.at(valueSegment(i, k));
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private static String keySegment(int entry) {
        return "{#" + entry + " key}";
    }

    private static String valueSegment(int entry, Object key) {
        return switch (key) {
            case String s -> "{\"" + s + "\"}";
            case Long n -> "{" + n + "}";
            case null, default -> "{#" + entry + "}";
        };
    }

    private Object simple(int initial) {
        return switch (initial) {
            case Cbor.FALSE -> Boolean.FALSE;
            case Cbor.TRUE -> Boolean.TRUE;
            case Cbor.NULL -> null;
            case Cbor.FLOAT16, Cbor.FLOAT32, Cbor.FLOAT64 -> in.floating(initial);
            case Cbor.UNDEFINED -> throw PathFailure.of(ProtocolError.TYPE_MISMATCH, "undefined", "a passable value");
            case Cbor.SIMPLE_IN_NEXT_BYTE -> {
                int value = in.simpleValue();
                if (value < 32) {
                    throw PathFailure.of(ProtocolError.MALFORMED,
                            "simple value " + value + " in a 2-byte head", null);
                }
                throw PathFailure.of(ProtocolError.TYPE_MISMATCH, "simple value " + value, "a passable value");
            }
            case Cbor.BREAK -> throw PathFailure.of(ProtocolError.MALFORMED,
                    "break outside an indefinite-length item", null);
            default -> {
                if (initial > Cbor.FLOAT64) {
                    throw CborReader.invalidInitialByte(initial);
                }
                throw PathFailure.of(ProtocolError.TYPE_MISMATCH, "simple value " + (initial & 0x1f),
                        "a passable value");
            }
        };
    }

    private Object tagged(int initial, Expect expect, int depth, boolean key) {
        long tag = in.argument(initial);
        if (tag == Tag.POSITIVE_BIGNUM || tag == Tag.NEGATIVE_BIGNUM) {
            return bignum(tag == Tag.NEGATIVE_BIGNUM);
        }
        if (tag == Tag.DECIMAL) {
            return decimal(depth);
        }
        if (tag == Tag.RECORD) {
            return record(depth, key);
        }
        if (tag == Tag.ENUM) {
            return enumConstant(depth);
        }
        if (tag == Tag.PROBLEM) {
            return problem(depth);
        }
        if (tag == Tag.HANDOFF_GIVE || tag == Tag.HANDOFF_RECEIVE) {
            throw PathFailure.of(ProtocolError.TYPE_MISMATCH,
                    Tag.descriptorName(tag) + " outside a signed envelope", "a passable value");
        }
        if (Tag.isDescriptor(tag)) {
            if (key) {
                throw PathFailure.of(ProtocolError.TYPE_MISMATCH, "reference in a map key", NO_REFERENCES_IN_KEYS);
            }
            return resolve(DescriptorReader.read(items, tag, depth), expect);
        }
        if (tag == Tag.MESSAGE) {
            throw PathFailure.of(ProtocolError.TYPE_MISMATCH, "message tag " + tag, "a passable value");
        }
        throw PathFailure.of(ProtocolError.UNKNOWN_TAG, "unknown tag " + Long.toUnsignedString(tag), null);
    }

    private Object resolve(Descriptor descriptor, Expect expect) {
        Object decoded;
        try {
            decoded = references.decode(descriptor, expect.referenceType());
        } catch (ProtocolException e) {
            throw PathFailure.of(e.error(), e.getMessage(), null);
        }
        if (decoded instanceof Unreadable refused) {
            // A reference the session could not take in: the message's answer breaks saying why.
            if (!lenient) {
                throw PathFailure.of(ProtocolError.LIMIT_EXCEEDED, refused.reason(), null);
            }
            if (firstUnreadable == null) {
                firstUnreadable = refused;
            }
        }
        return decoded;
    }

    private BigInteger bignum(boolean negative) {
        int initial = items.next();
        if (initial >>> 5 != Cbor.BYTES) {
            throw items.mismatch(initial, "byte string, a bignum's magnitude");
        }
        int length = in.length(initial, "bignum", limits.maxBigIntegerBytes(), 1);
        byte[] magnitude = in.bytes(length);
        if (length <= Long.BYTES) {
            throw PathFailure.of(ProtocolError.NON_CANONICAL, "bignum length " + length,
                    ">= 9, as smaller integers use major type 0 or 1");
        }
        if (magnitude[0] == 0) {
            throw PathFailure.of(ProtocolError.NON_CANONICAL, "bignum with a leading zero byte", null);
        }
        BigInteger value = new BigInteger(1, magnitude);
        return negative ? value.not() : value;
    }

    private BigDecimal decimal(int depth) {
        int length = items.arrayHead("decimal", depth, false);
        if (length != 2) {
            throw PathFailure.of(ProtocolError.TYPE_MISMATCH, "decimal with item count " + length,
                    "2, an exponent and a mantissa");
        }
        Object exponent = integer(".exponent");
        if (!(exponent instanceof Long e) || Math.abs(e) > Tag.MAX_DECIMAL_EXPONENT) {
            throw PathFailure.of(ProtocolError.INVALID_VALUE, "decimal exponent " + exponent,
                    "-" + Tag.MAX_DECIMAL_EXPONENT + " to " + Tag.MAX_DECIMAL_EXPONENT).at(".exponent");
        }
        Object mantissa = integer(".mantissa");
        BigInteger unscaled = mantissa instanceof Long n ? BigInteger.valueOf(n) : (BigInteger) mantissa;
        return new BigDecimal(unscaled, (int) -e);
    }

    /** Reads an integer of any size: a decimal's exponent or mantissa. */
    private Object integer(String segment) {
        int initial = items.next();
        try {
            return switch (initial >>> 5) {
                case Cbor.UNSIGNED -> unsigned(in.argument(initial));
                case Cbor.NEGATIVE -> negative(in.argument(initial));
                case Cbor.TAG -> {
                    long tag = in.argument(initial);
                    if (tag != Tag.POSITIVE_BIGNUM && tag != Tag.NEGATIVE_BIGNUM) {
                        throw ItemReader.wrongTag(tag, "integer");
                    }
                    yield bignum(tag == Tag.NEGATIVE_BIGNUM);
                }
                default -> throw items.mismatch(initial, "integer");
            };
        } catch (PathFailure f) {
            throw f.at(segment);
        }
    }

    private Object record(int depth, boolean key) {
        int length = items.arrayHead("record", depth, false);
        int inner = depth + 1;
        if (length == 0) {
            throw PathFailure.of(ProtocolError.TYPE_MISMATCH, "record with item count 0",
                    ">= 1, a name and then the fields");
        }
        String name = text("[0]");
        RecordType type = Registries.recordNamed(registry, name);
        if (type == null) {
            if (lenient) {
                skip(length - 1, inner, key);
                return unreadable("record " + name + ", which is not registered here");
            }
            throw PathFailure.of(ProtocolError.UNKNOWN_NAME, "unknown record name \"" + name + "\"", null);
        }
        if (length - 1 != type.arity()) {
            if (lenient) {
                skip(length - 1, inner, key);
                return unreadable("record " + name + " with " + (length - 1) + " fields, where " + type.arity()
                        + " are registered here");
            }
            throw PathFailure.of(ProtocolError.TYPE_MISMATCH,
                    "record " + name + " with field count " + (length - 1), Integer.toString(type.arity()));
        }
        Object[] components = new Object[type.arity()];
        Unreadable unread = null;
        for (int i = 0; i < components.length; i++) {
            try {
                components[i] = value(type.expect(i), inner, key);
            } catch (PathFailure f) {
                throw f.at("." + type.componentName(i));
            }
            if (unread == null && components[i] instanceof Unreadable u) {
                unread = new Unreadable("record " + name + "." + type.componentName(i) + ": " + u.reason());
            }
        }
        if (unread != null) {
            return unread;
        }
        try {
            return type.construct(components);
        } catch (RuntimeException e) {
            if (lenient) {
                return unreadable("record " + name + ", which refused its values: " + e.getMessage());
            }
            throw new PathFailure(ProtocolError.INVALID_VALUE, "invalid record " + name,
                    String.valueOf(e.getMessage()), null);
        }
    }

    private Object enumConstant(int depth) {
        int length = items.arrayHead("enum", depth, false);
        if (length != 2) {
            throw PathFailure.of(ProtocolError.TYPE_MISMATCH, "enum with item count " + length,
                    "2, a name and a constant");
        }
        String name = text("[0]");
        EnumType type = Registries.enumNamed(registry, name);
        if (type == null && !lenient) {
            throw PathFailure.of(ProtocolError.UNKNOWN_NAME, "unknown enum name \"" + name + "\"", null);
        }
        String constantName = text("[1]");
        Enum<?> constant = type == null ? null : type.constant(constantName);
        if (constant == null && lenient) {
            return unreadable("enum constant " + name + "." + constantName + ", which is not registered here");
        }
        if (constant == null) {
            throw PathFailure.of(ProtocolError.UNKNOWN_NAME,
                    "unknown constant \"" + constantName + "\" of enum " + name, null);
        }
        return constant;
    }

    private Problem problem(int depth) {
        int length = items.arrayHead("problem", depth, false);
        if (length != 2) {
            throw PathFailure.of(ProtocolError.TYPE_MISMATCH, "problem with item count " + length,
                    "2, a kind and a message");
        }
        String kind = text(".kind");
        String message = text(".message");
        return ItemReader.construct("problem", () -> new Problem(kind, message));
    }

    private String text(String segment) {
        try {
            return items.text();
        } catch (PathFailure f) {
            throw f.at(segment);
        }
    }
}
