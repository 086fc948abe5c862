package dev.erg.wire.codec;

import dev.erg.vat.Problem;
import dev.erg.wire.codec.Descriptor.Answer;
import dev.erg.wire.codec.Descriptor.Export;
import dev.erg.wire.codec.Descriptor.HandoffGive;
import dev.erg.wire.codec.Descriptor.HandoffReceive;
import dev.erg.wire.codec.Descriptor.ImportObject;
import dev.erg.wire.codec.Descriptor.ImportPromise;
import dev.erg.wire.codec.Descriptor.SignedEnvelope;
import dev.erg.wire.codec.TestTypes.Color;
import dev.erg.wire.codec.TestTypes.Groups;
import dev.erg.wire.codec.TestTypes.Line;
import dev.erg.wire.codec.TestTypes.Point;
import dev.erg.wire.codec.TestTypes.Tagged;
import dev.erg.wire.codec.TestTypes.Widths;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Seeded random passable values and messages: nested lists, maps, records, enums, problems and
 * descriptors, with the Java types an application might pass ({@code Integer}, {@code Float},
 * {@code Character} as well as the canonical ones).
 */
final class RandomValues {

    private final Random random;
    private final boolean plain;

    /**
     * @param plain whether to keep to what Jackson's CBOR parser reads faithfully: text map
     *              keys, integers within 64 bits, no descriptors
     */
    RandomValues(Random random, boolean plain) {
        this.random = random;
        this.plain = plain;
    }

    Object value(int depth) {
        int choice = random.nextInt(depth >= 5 ? 12 : 18);
        return switch (choice) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> (long) random.nextInt(100) - 50;
            case 3 -> random.nextLong();
            case 4 -> switch (random.nextInt(5)) {
                case 0 -> random.nextInt();
                case 1 -> (short) random.nextInt();
                case 2 -> (byte) random.nextInt();
                // Jackson reads a decimal fraction as a number of its own making: not in plain values.
                case 3 -> plain ? random.nextLong() : new BigDecimal(
                        new BigInteger(random.nextInt(100) + 1, random).subtract(BigInteger.TWO.pow(50)),
                        random.nextInt(-50, 50));
                default -> plain ? BigInteger.valueOf(random.nextLong())
                        : new BigInteger(random.nextInt(200) + 1, random).subtract(BigInteger.TWO.pow(100));
            };
            case 5 -> floating();
            case 6 -> text();
            case 7 -> bytes();
            case 8 -> random.nextBoolean() ? Color.values()[random.nextInt(3)] : (char) ('a' + random.nextInt(26));
            case 9 -> new Point(random.nextInt(), random.nextInt());
            case 10 -> new Problem(random.nextBoolean() ? Problem.UNAVAILABLE : "App.Kind", text());
            case 11 -> plain ? text() : descriptor();
            case 12, 13 -> list(depth);
            case 14, 15 -> map(depth);
            case 16 -> new Tagged(text(), List.of(text(), text()), value(depth + 1));
            default -> switch (random.nextInt(3)) {
                case 0 -> new Line(new Point(1, 2), new Point(random.nextInt(), 0), Color.RED);
                case 1 -> new Widths((byte) random.nextInt(), (short) random.nextInt(), random.nextInt(),
                        random.nextLong(), random.nextFloat(), random.nextDouble(), (char) random.nextInt(0xd800),
                        random.nextBoolean(), BigInteger.valueOf(random.nextLong()).shiftLeft(plain ? 0 : random.nextInt(80)),
                        random.nextBoolean() ? null : random.nextInt(), 'q');
                default -> new Groups(Map.of(text(), List.of(new Point(3, 4))), Arrays.asList(1, null, random.nextInt()));
            };
        };
    }

    private List<Object> list(int depth) {
        int length = random.nextInt(6);
        List<Object> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            list.add(value(depth + 1));
        }
        return list;
    }

    private Map<Object, Object> map(int depth) {
        int length = random.nextInt(5);
        Map<Object, Object> map = new HashMap<>();
        for (int i = 0; i < length; i++) {
            map.put(key(), value(depth + 1));
        }
        return map;
    }

    private Object key() {
        if (plain) {
            return text();
        }
        return switch (random.nextInt(6)) {
            case 0, 1 -> text();
            case 2 -> random.nextLong() >> random.nextInt(64);
            case 3 -> List.of(random.nextInt(10), text());
            case 4 -> new Point(random.nextInt(5), random.nextInt(5));
            default -> Color.values()[random.nextInt(3)];
        };
    }

    double floating() {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt(2000) / 8.0 - 100;
            case 1 -> random.nextFloat();
            case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(600) - 300);
            case 3 -> new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE,
                Double.MAX_VALUE, 65504.0, 5.960464477539063e-8}[random.nextInt(8)];
            case 4 -> Double.longBitsToDouble(random.nextLong());
            default -> Float.intBitsToFloat(random.nextInt());
        };
    }

    String text() {
        int length = random.nextInt(12);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0 -> text.append((char) (0x20 + random.nextInt(0x5f)));
                case 1 -> text.append((char) (0x80 + random.nextInt(0x780)));
                case 2 -> text.append((char) (0x800 + random.nextInt(0xd000)));
                case 3 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                default -> text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }

    byte[] bytes() {
        byte[] bytes = new byte[random.nextInt(20)];
        random.nextBytes(bytes);
        return bytes;
    }

    Bytes id(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Bytes.of(bytes);
    }

    Descriptor descriptor() {
        long position = random.nextBoolean() ? random.nextInt(30) : random.nextLong() & Long.MAX_VALUE;
        return switch (random.nextInt(6)) {
            case 0 -> new ImportObject(position);
            case 1 -> new ImportPromise(position);
            case 2 -> new Export(position);
            case 3 -> new Answer(position);
            case 4 -> signedGive();
            default -> new SignedEnvelope<>(new HandoffReceive(id(32), id(32), position, signedGive()), id(64));
        };
    }

    SignedEnvelope<HandoffGive> signedGive() {
        List<String> hints = random.nextBoolean() ? List.of() : List.of("host.example:9000", "10.0.0.1:" + random.nextInt(65536));
        return new SignedEnvelope<>(new HandoffGive(id(32), id(32), hints, id(32), id(32),
                id(1 + random.nextInt(32))), id(64));
    }

    Descriptor.Target target() {
        long position = random.nextInt(1000);
        return random.nextBoolean() ? new Export(position) : new Answer(position);
    }

    Descriptor.Import imported() {
        long position = random.nextInt(1000);
        return random.nextBoolean() ? new ImportObject(position) : new ImportPromise(position);
    }

    List<Object> args() {
        return list(1);
    }

    List<Long> positions(int length) {
        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            positions.add(random.nextLong() & Long.MAX_VALUE >> random.nextInt(63));
        }
        return positions;
    }

    Message message() {
        return switch (random.nextInt(11)) {
            case 0 -> new Message.StartSession(Message.StartSession.PROTOCOL_VERSION, id(32),
                    random.nextBoolean() ? List.of() : List.of("vat.example:7000"));
            case 1 -> new Message.DeliverOnly(target(), text(), args());
            case 2 -> {
                boolean answer = random.nextBoolean();
                yield new Message.Deliver(target(), text(), args(),
                        answer ? OptionalLong.of(random.nextInt(100)) : OptionalLong.empty(),
                        answer && random.nextBoolean() ? Optional.empty() : Optional.of(imported()));
            }
            case 3 -> new Message.Abort(text());
            case 4 -> new Message.Listen(target(), imported(), random.nextBoolean());
            case 5 -> {
                int length = random.nextInt(4);
                List<Long> deltas = new ArrayList<>();
                for (int i = 0; i < length; i++) {
                    deltas.add(1L + random.nextInt(5));
                }
                yield new Message.GcExports(positions(length), deltas);
            }
            case 6 -> new Message.GcAnswers(positions(random.nextInt(4)));
            case 7 -> new Message.Get(target(), text(), random.nextInt(100));
            case 8 -> new Message.Index(target(), random.nextInt(10), random.nextInt(100));
            case 9 -> new Message.Disembargo(target(), random.nextInt(100));
            default -> new Message.DisembargoPromise(new Descriptor.Export(random.nextInt(100)), random.nextInt(100));
        };
    }

    /** What {@code value} decodes to: the canonical Java type of every part. */
    static Object canonical(Object value) {
        return switch (value) {
            case Integer n -> n.longValue();
            case Short n -> n.longValue();
            case Byte n -> n.longValue();
            case BigInteger n -> n.bitLength() < 64 ? (Object) n.longValue() : n;
            case Float f -> f.doubleValue();
            case Character c -> c.toString();
            case List<?> list -> list.stream().map(RandomValues::canonical).toList();
            case Map<?, ?> map -> {
                Map<Object, Object> copy = HashMap.newHashMap(map.size());
                map.forEach((k, v) -> copy.put(canonical(k), canonical(v)));
                yield copy;
            }
            case null, default -> value;
        };
    }
}
