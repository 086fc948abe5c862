package dev.erg.ocapn.syrup;

import dev.erg.vat.Problem;
import dev.erg.wire.codec.Bytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Seeded random values: of the whole Syrup data model, or OCapN passables. */
final class RandomSyrup {

    private static final int MAX_DEPTH = 5;
    private static final String[] TEXTS = {"", "a", "zz", "björn", "熊", "😀", "op:deliver", "desc:tagged", "0+", "\"'"};
    private static final double[] DOUBLES = {0.0, -0.0, 1.5, -2.25, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 1e-300};

    private final Random random;

    RandomSyrup(Random random) {
        this.random = random;
    }

    /** Any Syrup value, as {@link Syrup} reads it. */
    Object syrup(int depth) {
        int kind = random.nextInt(depth >= MAX_DEPTH ? 7 : 11);
        return switch (kind) {
            case 0 -> random.nextBoolean();
            case 1 -> integer();
            case 2 -> DOUBLES[random.nextInt(DOUBLES.length)];
            case 3 -> (float) DOUBLES[random.nextInt(DOUBLES.length)];
            case 4 -> Bytes.of(bytes());
            case 5 -> text();
            case 6 -> new Symbol(text());
            case 7 -> {
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(syrup(depth + 1));
                }
                yield items;
            }
            case 8 -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put(syrup(depth + 1), syrup(depth + 1));
                }
                yield map;
            }
            case 9 -> {
                Set<Object> set = new LinkedHashSet<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    set.add(syrup(depth + 1));
                }
                yield set;
            }
            default -> {
                List<Object> fields = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    fields.add(syrup(depth + 1));
                }
                yield new SyrupRecord(random.nextBoolean() ? new Symbol(text()) : syrup(depth + 1), fields);
            }
        };
    }

    /** Any OCapN passable without references, as {@link Passables} reads it. */
    Object passable(int depth) {
        int kind = random.nextInt(depth >= MAX_DEPTH ? 9 : 13);
        return switch (kind) {
            case 0 -> null;
            case 1 -> Undefined.INSTANCE;
            case 2 -> random.nextBoolean();
            case 3 -> integer();
            case 4 -> DOUBLES[random.nextInt(DOUBLES.length)];
            case 5 -> bytes();
            case 6 -> text();
            case 7 -> new Symbol(text());
            case 8 -> new Problem(random.nextBoolean() ? "Unavailable" : "Exception", text());
            case 9 -> {
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(passable(depth + 1));
                }
                yield items;
            }
            case 10 -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put(text(), passable(depth + 1));
                }
                yield map;
            }
            default -> new Tagged(text(), passable(depth + 1));
        };
    }

    private Number integer() {
        return switch (random.nextInt(4)) {
            case 0 -> (long) random.nextInt(200) - 100;
            case 1 -> random.nextLong();
            case 2 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            default -> {
                BigInteger big = new BigInteger(64 + random.nextInt(200), random).setBit(64);
                yield random.nextBoolean() ? big : big.negate();
            }
        };
    }

    private byte[] bytes() {
        byte[] bytes = new byte[random.nextInt(6)];
        random.nextBytes(bytes);
        return bytes;
    }

    private String text() {
        return TEXTS[random.nextInt(TEXTS.length)];
    }
}
