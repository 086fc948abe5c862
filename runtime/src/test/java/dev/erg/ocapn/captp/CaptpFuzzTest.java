package dev.erg.ocapn.captp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.erg.ocapn.syrup.Symbol;
import dev.erg.ocapn.syrup.SyrupException;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.ByteMutations;
import dev.erg.wire.codec.SpecVectors;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random operations round-trip through {@link CaptpWriter} and {@link CaptpReader}, and
 * mutations of them and of the vectors are either refused with a {@link SyrupException} or
 * accepted as canonical: encoding what was read gives back the bytes. Set
 * {@code -Derg.fuzz.seed} to replay a failure.
 */
class CaptpFuzzTest {

    private static final long SEED = Long.getLong("erg.fuzz.seed", 0xca9_7bL);
    private static final int ITERATIONS = Integer.getInteger("erg.fuzz.iterations", 30_000);
    private static final HexFormat HEX = HexFormat.of();

    private final WireLimits limits = WireLimits.builder().maxDepth(16).maxCollectionLength(64).build();
    private final CaptpReader reader = CaptpReader.plain(limits);
    private final CaptpWriter writer = CaptpWriter.plain(limits);

    @Test
    void randomOperationsRoundTrip() {
        Random random = new Random(SEED);
        for (int i = 0; i < 2_000; i++) {
            Operation op = operation(random);
            byte[] bytes = writer.encode(op);
            Operation back = reader.decode(bytes);
            assertThat(back.label()).as("seed %d, iteration %d", SEED, i).isEqualTo(op.label());
            assertThat(writer.encode(back)).as("seed %d, iteration %d", SEED, i).isEqualTo(bytes);
        }
    }

    @Test
    void mutationsAreRefusedOrCanonical() {
        Random random = new Random(SEED);
        List<byte[]> corpus = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            corpus.add(writer.encode(operation(random)));
        }
        for (String key : List.of("valid", "invalid")) {
            for (Map<String, Object> v : SpecVectors.vectors("ocapn/captp.json", key)) {
                corpus.add(HEX.parseHex((String) v.get("hex")));
            }
        }
        int accepted = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] original = corpus.get(random.nextInt(corpus.size()));
            byte[] input = switch (random.nextInt(5)) {
                case 0 -> ByteMutations.flipBit(random, original);
                case 1 -> ByteMutations.truncate(random, original);
                case 2 -> ByteMutations.setByte(random, original);
                case 3 -> ByteMutations.delete(random, original);
                default -> ByteMutations.insert(random, original, new byte[] {(byte) "0+f<>[]'\"".charAt(random.nextInt(9))});
            };
            try {
                Operation op = reader.decode(input);
                assertThat(writer.encode(op)).isEqualTo(input);
                accepted++;
            } catch (SyrupException expected) {
                assertThat(expected.offset()).isBetween(0L, (long) input.length);
            } catch (Throwable t) {
                fail("seed " + SEED + ", iteration " + i + ", input " + HEX.formatHex(input) + ": " + t, t);
            }
        }
        assertThat(accepted).as("mutations accepted").isPositive();
    }

    private static Operation operation(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> new Operation.Deliver(target(random), args(random),
                    random.nextBoolean() ? null : position(random),
                    random.nextBoolean() ? null : new Descriptor.ImportObject(position(random)));
            case 1 -> new Operation.DeliverOnly(target(random), args(random));
            case 2 -> new Operation.Listen(target(random), new Descriptor.ImportPromise(position(random)),
                    random.nextBoolean());
            case 3 -> new Operation.Abort("reason " + random.nextInt());
            case 4 -> {
                List<Long> positions = new ArrayList<>();
                List<Long> deltas = new ArrayList<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    positions.add(position(random));
                    deltas.add(1L + random.nextInt(9));
                }
                yield new Operation.GcExports(positions, deltas);
            }
            case 5 -> new Operation.GcAnswers(List.of(position(random), position(random)));
            case 6 -> new Operation.Get(new Descriptor.Answer(position(random)), "f" + random.nextInt(9),
                    position(random));
            case 7 -> new Operation.Index(new Descriptor.ImportPromise(position(random)), random.nextInt(9),
                    position(random));
            case 8 -> new Operation.Untag(new Descriptor.Answer(position(random)), "t", position(random));
            default -> {
                byte[] q = new byte[32];
                byte[] signature = new byte[64];
                random.nextBytes(q);
                random.nextBytes(signature);
                yield new Operation.StartSession("1.0", q, new PeerLocator("d" + random.nextInt(99),
                        "tcp-testing-only", random.nextBoolean() ? Map.of() : Map.of("host", "h", "port", "1")),
                        signature);
            }
        };
    }

    private static Descriptor target(Random random) {
        return random.nextBoolean() ? new Descriptor.Export(position(random)) : new Descriptor.Answer(position(random));
    }

    private static List<Object> args(Random random) {
        List<Object> args = new ArrayList<>();
        args.add(new Symbol("m" + random.nextInt(5)));
        for (int n = random.nextInt(4); n > 0; n--) {
            args.add(switch (random.nextInt(5)) {
                case 0 -> random.nextLong();
                case 1 -> "s" + random.nextInt();
                case 2 -> new Descriptor.ImportObject(position(random));
                case 3 -> List.of(new Descriptor.Export(position(random)), true);
                default -> new Descriptor.ImportPromise(position(random));
            });
        }
        return args;
    }

    private static long position(Random random) {
        return random.nextInt(4) == 0 ? random.nextLong() & Long.MAX_VALUE : random.nextInt(50);
    }
}
