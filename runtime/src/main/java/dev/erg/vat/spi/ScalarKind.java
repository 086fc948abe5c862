package dev.erg.vat.spi;

import java.math.BigInteger;

/**
 * The scalar types a remote method may declare, and how a value of any width becomes each:
 * integers convert between widths when they fit exactly, a {@code double} becomes a
 * {@code float} only when no precision is lost, a one-character string becomes a {@code char}.
 * Remote methods' parameters and answers convert by it, and so do record components as the
 * codec reads them, so that both judge a value alike.
 */
public enum ScalarKind {
    LONG, INT, SHORT, BYTE, DOUBLE, FLOAT, CHAR, BOOLEAN, BIG_INTEGER;

    /** Returned by {@link #convert} for a number of the right sort that does not fit. */
    public static final Object OUT_OF_RANGE = new Object();

    /** The kind of {@code type}, a primitive, a box or {@link BigInteger}; null for any other. */
    public static ScalarKind of(Class<?> type) {
        if (type == long.class || type == Long.class) {
            return LONG;
        } else if (type == int.class || type == Integer.class) {
            return INT;
        } else if (type == short.class || type == Short.class) {
            return SHORT;
        } else if (type == byte.class || type == Byte.class) {
            return BYTE;
        } else if (type == double.class || type == Double.class) {
            return DOUBLE;
        } else if (type == float.class || type == Float.class) {
            return FLOAT;
        } else if (type == char.class || type == Character.class) {
            return CHAR;
        } else if (type == boolean.class || type == Boolean.class) {
            return BOOLEAN;
        } else if (type == BigInteger.class) {
            return BIG_INTEGER;
        }
        return null;
    }

    /** {@code value} as this kind; null if it is not of this sort, {@link #OUT_OF_RANGE} if it does not fit. */
    public Object convert(Object value) {
        return switch (this) {
            case LONG -> value instanceof Long ? value : integral(value, Long.MIN_VALUE, Long.MAX_VALUE);
            case INT -> value instanceof Integer ? value : integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case SHORT -> value instanceof Short ? value : integral(value, Short.MIN_VALUE, Short.MAX_VALUE);
            case BYTE -> value instanceof Byte ? value : integral(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case BIG_INTEGER -> switch (value) {
                case BigInteger n -> n;
                case Long n -> BigInteger.valueOf(n);
                case Integer n -> BigInteger.valueOf(n);
                case Short n -> BigInteger.valueOf(n);
                case Byte n -> BigInteger.valueOf(n);
                default -> null;
            };
            case DOUBLE -> switch (value) {
                case Double d -> d;
                case Float f -> f.doubleValue();
                default -> null;
            };
            case FLOAT -> switch (value) {
                case Float f -> f;
                case Double d -> fitsFloat(d) ? d.floatValue() : OUT_OF_RANGE;
                default -> null;
            };
            case CHAR -> switch (value) {
                case Character c -> c;
                case String s when s.length() == 1 -> s.charAt(0);
                default -> null;
            };
            case BOOLEAN -> value instanceof Boolean ? value : null;
        };
    }

    private Object integral(Object value, long min, long max) {
        long n;
        switch (value) {
            case Long l -> n = l;
            case Integer i -> n = i;
            case Short s -> n = s;
            case Byte b -> n = b;
            case BigInteger big -> {
                if (big.bitLength() > 63) {
                    return OUT_OF_RANGE;
                }
                n = big.longValue();
            }
            default -> {
                return null;
            }
        }
        if (n < min || n > max) {
            return OUT_OF_RANGE;
        }
        return switch (this) {
            case INT -> (int) n;
            case SHORT -> (short) n;
            case BYTE -> (byte) n;
            default -> n;
        };
    }

    /** Whether {@code d} is exactly a {@code float}: no precision, range or sign of zero lost (NaN counts). */
    private static boolean fitsFloat(double d) {
        return Double.isNaN(d) || Double.doubleToRawLongBits((float) d) == Double.doubleToRawLongBits(d);
    }
}
