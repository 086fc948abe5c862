package dev.erg.transparency;

import dev.erg.transparency.PassableScenarios.Card;
import dev.erg.transparency.PassableScenarios.Suit;
import dev.erg.vat.Promise;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Each Java type a remote interface may declare, as a parameter and as the type of a
 * {@code Promise} result, with ordinary and extreme values. The receiver records what it was
 * given; the sender records what it got back and, for {@code int}, computes with it.
 */
final class TypeScenarios {

    private TypeScenarios() {
    }

    /** One method per type: each gives back something of the type it was given. */
    public interface Types {
        Promise<Integer> twiceInt(int x);

        Promise<Integer> twiceInteger(Integer x);

        Promise<Short> twiceShort(short x);

        Promise<Short> twiceShortBox(Short x);

        Promise<Byte> twiceByte(byte x);

        Promise<Byte> twiceByteBox(Byte x);

        Promise<Character> nextChar(char c);

        Promise<Character> nextCharacter(Character c);

        Promise<Float> twiceFloat(float x);

        Promise<Float> twiceFloatBox(Float x);

        Promise<Double> twiceDouble(double x);

        Promise<Double> twiceDoubleBox(Double x);

        Promise<Long> twiceLong(long x);

        Promise<Long> twiceLongBox(Long x);

        Promise<Boolean> not(boolean b);

        Promise<Boolean> notBox(Boolean b);

        Promise<String> twiceString(String s);

        Promise<BigInteger> twiceBig(BigInteger x);

        Promise<byte[]> reversed(byte[] bytes);

        Promise<List<String>> reversedList(List<String> list);

        Promise<List<Integer>> incrementAll(List<Integer> xs);

        Promise<Map<String, Long>> doubledValues(Map<String, Long> map);

        Promise<Map<String, Integer>> doubledInts(Map<String, Integer> map);

        Promise<Card> flip(Card card);

        Promise<Suit> nextSuit(Suit suit);

        Promise<Integer> intOf(long x);

        Promise<Short> shortOf(long x);

        Promise<Byte> byteOf(long x);

        Promise<Character> charOf(String s);

        Promise<Float> floatOf(double x);

        Promise<BigInteger> bigOf(long x);

        Promise<List<Integer>> intsUpTo(long n);
    }

    /** Records each argument in channel {@code bob received}, then computes. */
    static final class Doubler implements Types {
        private final Outcome outcome;

        Doubler(Outcome outcome) {
            this.outcome = outcome;
        }

        private void got(Object argument) {
            outcome.addValue("bob received", argument);
        }

        @Override
        public Promise<Integer> twiceInt(int x) {
            got(x);
            return Promise.of(x * 2);
        }

        @Override
        public Promise<Integer> twiceInteger(Integer x) {
            got(x);
            return Promise.of(x * 2);
        }

        @Override
        public Promise<Short> twiceShort(short x) {
            got(x);
            return Promise.of((short) (x * 2));
        }

        @Override
        public Promise<Short> twiceShortBox(Short x) {
            got(x);
            return Promise.of((short) (x * 2));
        }

        @Override
        public Promise<Byte> twiceByte(byte x) {
            got(x);
            return Promise.of((byte) (x * 2));
        }

        @Override
        public Promise<Byte> twiceByteBox(Byte x) {
            got(x);
            return Promise.of((byte) (x * 2));
        }

        @Override
        public Promise<Character> nextChar(char c) {
            got(c);
            return Promise.of((char) (c + 1));
        }

        @Override
        public Promise<Character> nextCharacter(Character c) {
            got(c);
            return Promise.of((char) (c + 1));
        }

        @Override
        public Promise<Float> twiceFloat(float x) {
            got(x);
            return Promise.of(x * 2);
        }

        @Override
        public Promise<Float> twiceFloatBox(Float x) {
            got(x);
            return Promise.of(x * 2);
        }

        @Override
        public Promise<Double> twiceDouble(double x) {
            got(x);
            return Promise.of(x * 2);
        }

        @Override
        public Promise<Double> twiceDoubleBox(Double x) {
            got(x);
            return Promise.of(x * 2);
        }

        @Override
        public Promise<Long> twiceLong(long x) {
            got(x);
            return Promise.of(x * 2);
        }

        @Override
        public Promise<Long> twiceLongBox(Long x) {
            got(x);
            return Promise.of(x * 2);
        }

        @Override
        public Promise<Boolean> not(boolean b) {
            got(b);
            return Promise.of(!b);
        }

        @Override
        public Promise<Boolean> notBox(Boolean b) {
            got(b);
            return Promise.of(!b);
        }

        @Override
        public Promise<String> twiceString(String s) {
            got(s);
            return Promise.of(s + s);
        }

        @Override
        public Promise<BigInteger> twiceBig(BigInteger x) {
            got(x);
            return Promise.of(x.shiftLeft(1));
        }

        @Override
        public Promise<byte[]> reversed(byte[] bytes) {
            got(bytes);
            byte[] back = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                back[i] = bytes[bytes.length - 1 - i];
            }
            return Promise.of(back);
        }

        @Override
        public Promise<List<String>> reversedList(List<String> list) {
            got(list);
            List<String> back = new ArrayList<>(list);
            java.util.Collections.reverse(back);
            return Promise.of(back);
        }

        @Override
        public Promise<List<Integer>> incrementAll(List<Integer> xs) {
            got(xs);
            List<Integer> back = new ArrayList<>();
            for (Integer x : xs) {
                back.add(x + 1);
            }
            return Promise.of(back);
        }

        @Override
        public Promise<Map<String, Long>> doubledValues(Map<String, Long> map) {
            got(map);
            Map<String, Long> back = new LinkedHashMap<>();
            map.forEach((k, v) -> back.put(k, v * 2));
            return Promise.of(back);
        }

        @Override
        public Promise<Map<String, Integer>> doubledInts(Map<String, Integer> map) {
            got(map);
            Map<String, Integer> back = new LinkedHashMap<>();
            map.forEach((k, v) -> back.put(k, v * 2));
            return Promise.of(back);
        }

        @Override
        public Promise<Card> flip(Card card) {
            got(card);
            return Promise.of(new Card(card.suit(), 14 - card.rank()));
        }

        @Override
        public Promise<Suit> nextSuit(Suit suit) {
            got(suit);
            return Promise.of(Suit.values()[(suit.ordinal() + 1) % Suit.values().length]);
        }

        @Override
        public Promise<Integer> intOf(long x) {
            got(x);
            return Promise.of((int) x);
        }

        @Override
        public Promise<Short> shortOf(long x) {
            got(x);
            return Promise.of((short) x);
        }

        @Override
        public Promise<Byte> byteOf(long x) {
            got(x);
            return Promise.of((byte) x);
        }

        @Override
        public Promise<Character> charOf(String s) {
            got(s);
            return Promise.of(s.charAt(0));
        }

        @Override
        public Promise<Float> floatOf(double x) {
            got(x);
            return Promise.of((float) x);
        }

        @Override
        public Promise<BigInteger> bigOf(long x) {
            got(x);
            return Promise.of(BigInteger.valueOf(x));
        }

        @Override
        public Promise<List<Integer>> intsUpTo(long n) {
            got(n);
            List<Integer> ints = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                ints.add(i);
            }
            return Promise.of(ints);
        }
    }

    /** Sends each of {@code values} through {@code call}, recording the answers in order. */
    @SafeVarargs
    static <T> Scenario roundTrip(String type, BiFunction<Types, T, Promise<?>> call, T... values) {
        List<T> all = Arrays.asList(values);
        return Scenario.of("round trip of " + type, (w, out) -> {
            Types types = w.share("bob", new Doubler(out), Types.class, "alice");
            return w.vat("alice").callPromise(() ->
                    Settle.inOrder(out, "answers", all.stream().map(v -> call.apply(types, v)).toList()));
        });
    }

    static List<Scenario> all() {
        return List.of(
                roundTrip("int", Types::twiceInt, 3, -7, Integer.MAX_VALUE, Integer.MIN_VALUE),
                roundTrip("Integer", Types::twiceInteger, 3, Integer.MIN_VALUE, null),
                roundTrip("short", Types::twiceShort, (short) 3, Short.MAX_VALUE, Short.MIN_VALUE),
                roundTrip("Short", Types::twiceShortBox, (short) -3, Short.MIN_VALUE, null),
                roundTrip("byte", Types::twiceByte, (byte) 3, Byte.MAX_VALUE, Byte.MIN_VALUE),
                roundTrip("Byte", Types::twiceByteBox, (byte) -3, Byte.MAX_VALUE, null),
                roundTrip("char", Types::nextChar, 'a', '\u0000', '\u00e9', '\ufffe'),
                roundTrip("Character", Types::nextCharacter, 'z', '\u20ac', null),
                roundTrip("float", Types::twiceFloat, 1.5f, -0.0f, Float.NaN, Float.MAX_VALUE, Float.MIN_VALUE, 0.1f),
                roundTrip("Float", Types::twiceFloatBox, 2.5f, Float.NEGATIVE_INFINITY, null),
                roundTrip("double", Types::twiceDouble, 0.1, -0.0, Double.NaN, Double.MAX_VALUE, Double.MIN_VALUE),
                roundTrip("Double", Types::twiceDoubleBox, 1e300, Double.POSITIVE_INFINITY, null),
                roundTrip("long", Types::twiceLong, 3L, (1L << 53) + 1, Long.MAX_VALUE, Long.MIN_VALUE),
                roundTrip("Long", Types::twiceLongBox, -3L, Long.MIN_VALUE, null),
                roundTrip("boolean", Types::not, true, false),
                roundTrip("Boolean", Types::notBox, Boolean.TRUE, Boolean.FALSE, null),
                roundTrip("String", Types::twiceString, "", "h\u00e9", "\ud83d\ude00 and \u0000", null),
                roundTrip("BigInteger", Types::twiceBig, BigInteger.ZERO, BigInteger.valueOf(5),
                        BigInteger.ONE.shiftLeft(70), BigInteger.ONE.shiftLeft(100).negate(), null),
                roundTrip("byte[]", Types::reversed, new byte[0], new byte[] {1, 2, 3}, new byte[] {-128, 127}, null),
                roundTrip("List<String>", Types::reversedList, List.of(), List.of("a", "b"), Arrays.asList("x", null), null),
                roundTrip("List<Integer>", Types::incrementAll, List.of(), List.of(1, 2, Integer.MAX_VALUE)),
                roundTrip("Map<String, Long>", Types::doubledValues, Map.of(), Map.of("a", 1L, "b", -2L)),
                roundTrip("Map<String, Integer>", Types::doubledInts, Map.of("a", 1, "b", Integer.MIN_VALUE)),
                roundTrip("record", Types::flip, new Card(Suit.HEARTS, 1), new Card(Suit.SPADES, 13))
                        .passing(Suit.class, Card.class),
                roundTrip("enum", Types::nextSuit, Suit.CLUBS, Suit.SPADES).passing(Suit.class),
                Scenario.of("narrow result types from wide arguments", (w, out) -> {
                    Types types = w.share("bob", new Doubler(out), Types.class, "alice");
                    return w.vat("alice").callPromise(() -> Settle.inOrder(out, "answers", List.of(
                            types.intOf(-5), types.shortOf(300), types.byteOf(-100), types.charOf("\u00e9t\u00e9"),
                            types.floatOf(0.25), types.bigOf(7), types.intsUpTo(3))));
                }),
                Scenario.of("computing with a Promise<Integer> result", (w, out) -> {
                    Types types = w.share("bob", new Doubler(out), Types.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        Promise<Integer> plusOne = types.twiceInt(3).then(n -> n + 1);
                        Promise<Short> shortPlusOne = types.twiceShort((short) 3).then(n -> (short) (n + 1));
                        Promise<Character> upper = types.nextChar('a').then(Character::toUpperCase);
                        Promise<Float> half = types.twiceFloat(3f).then(f -> f / 2);
                        return Settle.inOrder(out, "answers", List.of(plusOne, shortPlusOne, upper, half));
                    });
                }));
    }
}
