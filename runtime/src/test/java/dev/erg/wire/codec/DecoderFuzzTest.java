package dev.erg.wire.codec;

import static dev.erg.wire.codec.ByteMutations.delete;
import static dev.erg.wire.codec.ByteMutations.editHead;
import static dev.erg.wire.codec.ByteMutations.flipBit;
import static dev.erg.wire.codec.ByteMutations.insert;
import static dev.erg.wire.codec.ByteMutations.randomBytes;
import static dev.erg.wire.codec.ByteMutations.setByte;
import static dev.erg.wire.codec.ByteMutations.truncate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.erg.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds seeded random and mutated frames to the decoder: whatever the bytes, it returns a
 * message or value, or throws {@link ProtocolException}, and nothing else, and quickly. What it
 * accepts must be canonical: it encodes back to exactly the bytes it was decoded from.
 *
 * <p>Runs {@value #DEFAULT_ITERATIONS} inputs by default; set {@code -Derg.fuzz.iterations} for a
 * longer run and {@code -Derg.fuzz.seed} to replay one.
 */
class DecoderFuzzTest {

    private static final int DEFAULT_ITERATIONS = 100_000;
    private static final long SEED = Long.getLong("erg.fuzz.seed", 0xf022_5eedL);
    private static final int ITERATIONS = Integer.getInteger("erg.fuzz.iterations", DEFAULT_ITERATIONS);
    /** Longest any single input may take once the code is warm, in nanoseconds. */
    private static final long MAX_NANOS = 200_000_000L;
    private static final HexFormat HEX = HexFormat.of();

    private final WireCodec codec = new WireCodec(TestTypes.allRegistry(),
            WireLimits.builder().maxDepth(32).maxCollectionLength(4096).build());

    /** Whether a message was read with arguments this side could not make sense of, which cannot be sent on. */
    private static boolean unreadableArguments(Message message) {
        return switch (message) {
            case Message.Deliver d -> Unreadable.in(d.args()) != null;
            case Message.DeliverOnly d -> Unreadable.in(d.args()) != null;
            default -> false;
        };
    }

    @Test
    void onlyProtocolExceptionsComeOutAndAcceptedInputsAreCanonical() {
        Random random = new Random(SEED);
        RandomValues values = new RandomValues(random, false);
        List<byte[]> corpus = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            corpus.add(i % 2 == 0 ? codec.encode(values.message(), References.PASS)
                    : codec.encodeValue(values.value(0), References.PASS));
        }
        int accepted = 0;
        long slowest = 0;
        byte[] slowestInput = null;
        boolean slowestAsMessage = false;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(random, corpus);
            boolean asMessage = random.nextBoolean();
            long start = System.nanoTime();
            try {
                if (asMessage) {
                    Message message = codec.decode(input, References.KEEP);
                    if (!unreadableArguments(message)) {
                        assertCanonical(input, codec.encode(message, References.PASS), i);
                    }
                } else {
                    Object value = codec.decodeValue(input, References.KEEP);
                    assertCanonical(input, codec.encodeValue(value, References.PASS), i);
                }
                accepted++;
            } catch (ProtocolException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError("seed " + SEED + ", iteration " + i + ", "
                        + (asMessage ? "message " : "value ") + HEX.formatHex(input), e);
            }
            long elapsed = System.nanoTime() - start;
            if (i > 1_000 && elapsed > slowest) {
                slowest = elapsed;
                slowestInput = input;
                slowestAsMessage = asMessage;
            }
        }
        assertThat(accepted).as("seed %d: some mutants are still valid", SEED).isPositive();
        // A pause of the machine or the collector can stretch any one decode: the slowest input is
        // timed again, and only its fastest decode must stay within the bound.
        if (slowestInput != null) {
            assertThat(fastestOf(slowestInput, slowestAsMessage)).as("seed %d: slowest input %s, in ns", SEED,
                    HEX.formatHex(slowestInput)).isLessThan(MAX_NANOS);
        }
    }

    private long fastestOf(byte[] input, boolean asMessage) {
        long fastest = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            try {
                if (asMessage) {
                    codec.decode(input, References.KEEP);
                } else {
                    codec.decodeValue(input, References.KEEP);
                }
            } catch (ProtocolException expected) {
                // Timed all the same: refusing must be as quick as accepting.
            }
            fastest = Math.min(fastest, System.nanoTime() - start);
        }
        return fastest;
    }

    /**
     * Mutated streams of frames, cut at random points, go through a {@link FrameDecoder} and
     * the codec: the framer emits whole frames or reports a protocol error, and the codec only
     * ever throws {@link ProtocolException} on what it emits.
     */
    @Test
    void mutatedStreamsThroughTheFramerFailOnlyWithProtocolExceptions() {
        Random random = new Random(SEED + 1);
        RandomValues values = new RandomValues(random, false);
        WireLimits limits = WireLimits.builder().maxFrameBytes(4096).build();
        for (int run = 0; run < Math.max(1, ITERATIONS / 50); run++) {
            ByteBuf stream = Unpooled.buffer();
            for (int i = random.nextInt(5); i > 0; i--) {
                byte[] payload = codec.encode(values.message(), References.PASS);
                stream.writeInt(payload.length).writeBytes(payload);
            }
            byte[] bytes = ByteBufUtil.getBytes(stream);
            stream.release();
            byte[] mutated = mutate(random, List.of(bytes));
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(limits));
            int at = 0;
            try {
                while (at < mutated.length) {
                    int length = Math.min(mutated.length - at, 1 + random.nextInt(64));
                    channel.writeInbound(Unpooled.wrappedBuffer(mutated, at, length));
                    at += length;
                }
            } catch (ProtocolException expected) {
                assertThat(expected.error()).isEqualTo(ProtocolError.LIMIT_EXCEEDED);
            }
            for (ByteBuf frame; (frame = channel.readInbound()) != null; frame.release()) {
                try {
                    codec.decode(frame, References.KEEP);
                } catch (ProtocolException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + (SEED + 1) + ", run " + run + ", frame "
                            + ByteBufUtil.hexDump(frame), e);
                }
            }
            channel.finishAndReleaseAll();
        }
    }

    private static void assertCanonical(byte[] input, byte[] reencoded, int iteration) {
        if (!Arrays.equals(input, reencoded)) {
            fail("seed %d, iteration %d: accepted %s, which encodes back as %s", SEED, iteration,
                    HEX.formatHex(input), HEX.formatHex(reencoded));
        }
    }

    private static byte[] mutate(Random random, List<byte[]> corpus) {
        byte[] base = corpus.get(random.nextInt(corpus.size()));
        byte[] bytes = base.clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            bytes = switch (random.nextInt(9)) {
                case 0 -> flipBit(random, bytes);
                case 1 -> truncate(random, bytes);
                case 2 -> editHead(random, bytes);
                case 3 -> setByte(random, bytes);
                case 4 -> insert(random, bytes, randomBytes(random, 1 + random.nextInt(8)));
                case 5 -> delete(random, bytes);
                case 6 -> insert(random, bytes, corpus.get(random.nextInt(corpus.size())));
                case 7 -> insert(random, bytes, new byte[] {(byte) 0xd9, (byte) 0xa0, (byte) random.nextInt(12)});
                default -> randomBytes(random, random.nextInt(64));
            };
        }
        return bytes;
    }
}
