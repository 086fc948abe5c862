package dev.erg.wire.codec;

import dev.erg.vat.Problem;
import dev.erg.vat.spi.ScalarKind;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a position in a decoded value must hold: compiled once, when a record type is
 * registered, from the declared type of each component. The decoder reads a component with its
 * {@code Expect}, so that list items and map entries are checked where they are read, and
 * values are converted to the declared width ({@code int}, {@code float}, {@code char}) without
 * building anything twice.
 */
public sealed interface Expect {

    /** Any passable value, {@code null} included: an {@code Object} component or a message argument. */
    Expect ANY = new AnyValue();

    /**
     * {@code value}, converted to the declared type where needed.
     *
     * @throws PathFailure a {@link ProtocolError#TYPE_MISMATCH} if it does not fit
     */
    Object accept(Object value);

    /** The type a reference must implement here, handed to the {@link ReferenceDecoder}. */
    default Class<?> referenceType() {
        return Object.class;
    }

    /** What each item must be, where this expects a list. */
    default Expect item() {
        return ANY;
    }

    /** What each key must be, where this expects a map. */
    default Expect key() {
        return ANY;
    }

    /** What each value must be, where this expects a map. */
    default Expect value() {
        return ANY;
    }

    /** The declared type, as error messages name it. */
    String typeName();

    /** Any value at all. */
    record AnyValue() implements Expect {
        @Override
        public Object accept(Object value) {
            return value;
        }

        @Override
        public String typeName() {
            return "java.lang.Object";
        }
    }

    /** An instance of {@code type} as decoded, or {@code null} where {@code nullable}. */
    record Instance(Class<?> type, boolean nullable, String typeName) implements Expect {
        @Override
        public Object accept(Object value) {
            if (value == null ? nullable : type.isInstance(value)) {
                return value;
            }
            throw mismatch(value, this);
        }

        @Override
        public Class<?> referenceType() {
            return type;
        }
    }

    /** A decoded value converted to a narrower or different Java type than its canonical one. */
    record Convert(ScalarKind kind, boolean nullable, String typeName) implements Expect {

        @Override
        public Object accept(Object value) {
            if (value == null) {
                if (nullable) {
                    return null;
                }
                throw mismatch(null, this);
            }
            Object converted = kind.convert(value);
            if (converted == null || converted == ScalarKind.OUT_OF_RANGE) {
                throw mismatch(value, this);
            }
            return converted;
        }
    }

    /** A list whose items are each {@code item}. */
    record ListOf(Expect item, boolean nullable, String typeName) implements Expect {
        @Override
        public Object accept(Object value) {
            if (value == null ? nullable : value instanceof List) {
                return value;
            }
            throw mismatch(value, this);
        }
    }

    /** A map whose keys are each {@code key} and whose values are each {@code value}. */
    record MapOf(Expect key, Expect value, boolean nullable, String typeName) implements Expect {
        @Override
        public Object accept(Object value) {
            if (value == null ? nullable : value instanceof Map) {
                return value;
            }
            throw mismatch(value, this);
        }
    }

    /**
     * An optional value, which crosses as its content or, when empty, as null: the content is
     * read with {@code content} and wrapped.
     */
    record OptionalOf(Expect content, String typeName) implements Expect {
        @Override
        public Object accept(Object value) {
            return value == null ? Optional.empty() : Optional.of(content.accept(value));
        }

        @Override
        public Class<?> referenceType() {
            return content.referenceType();
        }

        @Override
        public Expect item() {
            return content.item();
        }

        @Override
        public Expect key() {
            return content.key();
        }

        @Override
        public Expect value() {
            return content.value();
        }
    }

    private static PathFailure mismatch(Object value, Expect expect) {
        return PathFailure.of(ProtocolError.TYPE_MISMATCH, describe(value), expect.typeName());
    }

    /** What a decoded value is, as error messages name it. */
    static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case Boolean b -> "boolean " + b;
            case Long n -> "integer " + n;
            case BigInteger n -> "integer " + n;
            case Double d -> "float " + d;
            case String _ -> "text string";
            case byte[] _ -> "byte string";
            case List<?> _ -> "list";
            case Map<?, ?> _ -> "map";
            case Problem _ -> "problem";
            default -> value.getClass().getName();
        };
    }
}
