package dev.erg.net;

import dev.erg.vat.Passable;
import dev.erg.vat.Problem;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.codec.ReferenceDecoder;
import dev.erg.wire.codec.ReferenceEncoder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Seeded random messages for the network tests, built only from the canonical Java types the
 * codec decodes to ({@code Long}, {@code BigInteger} beyond 64 bits, {@code Double},
 * {@code String}, {@code byte[]}, lists, maps, a registered record and enum, problems and
 * descriptors), so that what a peer receives can be compared with what was sent through
 * {@link #normalized}.
 *
 * <p>The wire package's own generator is package-private there; this one stays small enough
 * for messages to fit the tight limits the live fuzz test sets (depth, lengths, sizes).
 */
final class RandomMessages {

    @Passable("net-test.Point")
    record Point(long x, long y) {
    }

    @Passable("net-test.Suit")
    enum Suit { CLUBS, DIAMONDS, HEARTS, SPADES }

    /** The records and enums the generated messages hold. */
    static final PassableRegistry REGISTRY = PassableRegistry.of(Point.class, Suit.class);

    /** Writes each {@link Descriptor} found among the arguments as itself; refuses anything else. */
    static final ReferenceEncoder PASS = reference -> {
        if (reference instanceof Descriptor descriptor) {
            return descriptor;
        }
        throw new NotPassableException(reference.getClass().getName() + " is not a descriptor");
    };

    /** Keeps each decoded descriptor as the argument itself. */
    static final ReferenceDecoder KEEP = (descriptor, expected) -> descriptor;

    private static final long[] EDGES = {0, 1, 23, 24, 255, 256, 65_535, 65_536, 0xffff_ffffL,
        0x1_0000_0000L, Long.MAX_VALUE, -1, -24, -25, -256, -257, Long.MIN_VALUE};

    private final Random random;
    private final boolean plain;

    /** A generator of messages whose arguments may hold records, enums and descriptors. */
    RandomMessages(Random random) {
        this(random, false);
    }

    /**
     * @param plain whether arguments keep to built-in data (no registered records or enums, no
     *              descriptors), which a vat with an empty registry and no references accepts
     */
    RandomMessages(Random random, boolean plain) {
        this.random = random;
        this.plain = plain;
    }

    /**
     * A message a live session accepts and passes on: never a start-session or an abort, which
     * the link handles itself.
     */
    Message message() {
        return switch (random.nextInt(10)) {
            case 0, 1 -> new Message.DeliverOnly(target(), method(), args());
            case 2 -> {
                boolean answer = random.nextBoolean();
                yield new Message.Deliver(target(), method(), args(),
                        answer ? OptionalLong.of(position()) : OptionalLong.empty(),
                        answer && random.nextBoolean() ? Optional.empty() : Optional.of(imported()));
            }
            case 3 -> new Message.Listen(target(), imported(), random.nextBoolean());
            case 4 -> {
                int length = random.nextInt(4);
                List<Long> positions = new ArrayList<>();
                List<Long> deltas = new ArrayList<>();
                for (int i = 0; i < length; i++) {
                    positions.add(position());
                    deltas.add(1L + random.nextInt(1000));
                }
                yield new Message.GcExports(positions, deltas);
            }
            case 5 -> {
                List<Long> positions = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    positions.add(position());
                }
                yield new Message.GcAnswers(positions);
            }
            case 6 -> new Message.Get(target(), method(), position());
            case 7 -> new Message.Index(target(), position(), position());
            case 8 -> new Message.Disembargo(target(), position());
            default -> new Message.DisembargoPromise(new Descriptor.Export(position()), position());
        };
    }

    /** Any message, start-session and abort included. */
    Message anyMessage() {
        return switch (random.nextInt(10)) {
            case 0 -> new Message.StartSession(Message.StartSession.PROTOCOL_VERSION, id(32),
                    random.nextBoolean() ? List.of() : List.of("127.0.0.1:" + random.nextInt(65_536)));
            case 1 -> new Message.Abort(text(12));
            default -> message();
        };
    }

    List<Object> args() {
        int length = random.nextInt(5);
        List<Object> args = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            args.add(value(0));
        }
        return args;
    }

    Object value(int depth) {
        return switch (random.nextInt(depth >= 2 ? 13 : 17)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> (long) random.nextInt(200) - 100;
            case 3 -> random.nextBoolean() ? random.nextLong() : EDGES[random.nextInt(EDGES.length)];
            case 4 -> {
                // Beyond 64 bits, so that it decodes as a BigInteger again.
                BigInteger magnitude = new BigInteger(64 + random.nextInt(100), random).setBit(63 + random.nextInt(2));
                yield random.nextBoolean() ? magnitude : magnitude.negate().subtract(BigInteger.ONE);
            }
            case 5 -> floating();
            case 6, 7 -> text(16);
            case 8 -> bytes();
            case 9 -> plain ? bytes() : new Point(random.nextLong() >> random.nextInt(64), random.nextInt(100));
            case 10 -> plain ? text(4) : Suit.values()[random.nextInt(4)];
            case 11 -> new Problem(random.nextBoolean() ? Problem.UNAVAILABLE : "Net.Test", text(10));
            case 12 -> plain ? floating() : descriptor();
            case 13, 14 -> list(depth);
            default -> map(depth);
        };
    }

    private List<Object> list(int depth) {
        int length = random.nextInt(5);
        List<Object> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            list.add(value(depth + 1));
        }
        return list;
    }

    private Map<Object, Object> map(int depth) {
        int length = random.nextInt(4);
        Map<Object, Object> map = new HashMap<>();
        for (int i = 0; i < length; i++) {
            Object key = random.nextBoolean() ? text(6) : (Object) (random.nextLong() >> random.nextInt(64));
            map.put(key, value(depth + 1));
        }
        return map;
    }

    private double floating() {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt(2000) / 8.0 - 100;
            case 1 -> random.nextFloat();
            case 2 -> new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, Double.MAX_VALUE, 65_504.0, 5.960464477539063e-8}[random.nextInt(9)];
            case 3 -> Double.longBitsToDouble(random.nextLong());
            default -> random.nextDouble() * Math.pow(10, random.nextInt(600) - 300);
        };
    }

    private String method() {
        return random.nextInt(4) == 0 ? text(12) : new String[] {"run", "get", "fulfill", "break", "deposit"}[random.nextInt(5)];
    }

    /** Up to {@code max} characters from every plane (surrogates only in pairs). */
    String text(int max) {
        int length = random.nextInt(max + 1);
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

    private byte[] bytes() {
        byte[] bytes = new byte[random.nextInt(25)];
        random.nextBytes(bytes);
        return bytes;
    }

    private Bytes id(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Bytes.of(bytes);
    }

    private long position() {
        return random.nextInt(3) == 0 ? random.nextLong() & Long.MAX_VALUE : random.nextInt(1000);
    }

    private Descriptor.Target target() {
        long position = position();
        return random.nextBoolean() ? new Descriptor.Export(position) : new Descriptor.Answer(position);
    }

    private Descriptor.Import imported() {
        long position = position();
        return random.nextBoolean() ? new Descriptor.ImportObject(position) : new Descriptor.ImportPromise(position);
    }

    private Descriptor descriptor() {
        return switch (random.nextInt(5)) {
            case 0 -> new Descriptor.ImportObject(position());
            case 1 -> new Descriptor.ImportPromise(position());
            case 2 -> new Descriptor.Export(position());
            case 3 -> new Descriptor.Answer(position());
            default -> new Descriptor.SignedEnvelope<>(new Descriptor.HandoffGive(id(32), id(32),
                    random.nextBoolean() ? List.of() : List.of("127.0.0.1:9000"), id(32), id(32),
                    id(1 + random.nextInt(32))), id(64));
        };
    }

    /**
     * A form of {@code value} with value equality all the way down: byte arrays become
     * {@link Bytes}, records (messages and descriptors included) become their class and
     * components, lists and maps are copied with their parts normalized.
     */
    static Object normalized(Object value) {
        return switch (value) {
            case null -> null;
            case byte[] bytes -> Bytes.of(bytes);
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(item -> copy.add(normalized(item)));
                yield copy;
            }
            case Map<?, ?> map -> {
                Map<Object, Object> copy = HashMap.newHashMap(map.size());
                map.forEach((k, v) -> copy.put(normalized(k), normalized(v)));
                yield copy;
            }
            case Optional<?> optional -> optional.map(RandomMessages::normalized);
            case Record record -> {
                List<Object> parts = new ArrayList<>();
                parts.add(record.getClass().getName());
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    parts.add(normalized(component(component, record)));
                }
                yield parts;
            }
            default -> value;
        };
    }

    private static Object component(RecordComponent component, Record record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(e);
        }
    }
}
