package dev.erg.ocapn.syrup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.ByteMutations;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Feeds seeded random and mutated inputs to both decoders: whatever the bytes, they return a
 * value or throw {@link SyrupException}, and nothing else; what they accept is canonical, so it
 * encodes back to exactly the bytes it was decoded from.
 *
 * <p>Runs {@value #DEFAULT_ITERATIONS} inputs by default; set {@code -Derg.fuzz.iterations} for a
 * longer run and {@code -Derg.fuzz.seed} to replay one.
 */
class SyrupFuzzTest {

    private static final int DEFAULT_ITERATIONS = 100_000;
    private static final long SEED = Long.getLong("erg.fuzz.seed", 0x5_7a0bL);
    private static final int ITERATIONS = Integer.getInteger("erg.fuzz.iterations", DEFAULT_ITERATIONS);
    private static final HexFormat HEX = HexFormat.of();
    /** Bytes that mean something in Syrup, spliced into inputs so that mutations stay near valid ones. */
    private static final byte[][] TOKENS = bytes("0", "1", "9", "+", "-", ":", "\"", "'", "[", "]", "{", "}",
            "#", "$", "<", ">", "t", "f", "D", "F", "00", "99999999999", "4'void", "4'null", "11'desc:tagged",
            "10'desc:error", "<4'null>", "{}", "[]");

    private final WireLimits limits = WireLimits.builder().maxDepth(16).maxCollectionLength(64)
            .maxBigIntegerBytes(40).build();

    @Test
    void onlySyrupExceptionsComeOutAndAcceptedInputsAreCanonical() {
        Random random = new Random(SEED);
        RandomSyrup values = new RandomSyrup(random);
        List<byte[]> corpus = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            corpus.add(Syrup.encode(values.syrup(0), limits));
            corpus.add(Passables.encode(values.passable(0), limits));
        }
        for (String file : List.of("syrup.json", "passables.json")) {
            for (String key : List.of("valid", "invalid")) {
                for (Map<String, Object> v : OcapnVectors.vectors(file, key)) {
                    corpus.add(OcapnVectors.hex(v));
                }
            }
        }
        int[] accepted = new int[2];
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(random, corpus);
            boolean passable = random.nextBoolean();
            try {
                if (passable) {
                    check(input, Passables::decode, Passables::encode, i);
                } else {
                    check(input, Syrup::decode, Syrup::encode, i);
                }
                accepted[passable ? 1 : 0]++;
            } catch (SyrupException expected) {
                assertThat(expected.offset()).isBetween(0L, (long) input.length);
            } catch (Throwable t) {
                fail("seed " + SEED + ", iteration " + i + ", input " + HEX.formatHex(input) + ": " + t, t);
            }
        }
        assertThat(accepted[0]).as("mutations the generic decoder accepted").isPositive();
        assertThat(accepted[1]).as("mutations the passable decoder accepted").isPositive();
    }

    @Test
    void randomValuesRoundTrip() {
        Random random = new Random(SEED);
        RandomSyrup values = new RandomSyrup(random);
        for (int i = 0; i < 2_000; i++) {
            Object syrup = values.syrup(0);
            byte[] encoded = Syrup.encode(syrup, limits);
            Object decoded = Syrup.decode(encoded, limits);
            assertThat(Syrup.encode(decoded, limits)).as("seed %d, iteration %d", SEED, i).isEqualTo(encoded);
            Object passable = values.passable(0);
            byte[] bytes = Passables.encode(passable, limits);
            Object back = Passables.decode(bytes, limits);
            assertThat(Normalized.unordered(back)).as("seed %d, iteration %d", SEED, i)
                    .isEqualTo(Normalized.unordered(passable));
            assertThat(Passables.encode(back, limits)).isEqualTo(bytes);
        }
    }

    private void check(byte[] input, BiFunction<byte[], WireLimits, Object> decode,
            BiFunction<Object, WireLimits, byte[]> encode, int iteration) {
        Object value = decode.apply(input, limits);
        byte[] again = encode.apply(value, limits);
        if (!Arrays.equals(again, input)) {
            fail("seed " + SEED + ", iteration " + iteration + ": accepted " + HEX.formatHex(input)
                    + " but encodes it as " + HEX.formatHex(again));
        }
    }

    private static byte[] mutate(Random random, List<byte[]> corpus) {
        byte[] bytes = corpus.get(random.nextInt(corpus.size())).clone();
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            bytes = switch (random.nextInt(8)) {
                case 0 -> ByteMutations.flipBit(random, bytes);
                case 1 -> ByteMutations.truncate(random, bytes);
                case 2 -> ByteMutations.setByte(random, bytes);
                case 3 -> ByteMutations.delete(random, bytes);
                case 4 -> ByteMutations.insert(random, bytes, ByteMutations.randomBytes(random, 1 + random.nextInt(4)));
                case 5 -> ByteMutations.insert(random, bytes, TOKENS[random.nextInt(TOKENS.length)]);
                case 6 -> ByteMutations.insert(random, bytes, corpus.get(random.nextInt(corpus.size())));
                default -> ByteMutations.randomBytes(random, random.nextInt(12));
            };
        }
        return bytes;
    }

    private static byte[][] bytes(String... texts) {
        byte[][] bytes = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            bytes[i] = texts[i].getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }
}
