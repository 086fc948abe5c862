package dev.erg.wire.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.erg.wire.WireLimits;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.dataformat.cbor.CBORFactory;
import tools.jackson.dataformat.cbor.CBORParser;
import tools.jackson.dataformat.cbor.CBORReadFeature;

/**
 * Seeded random values and messages survive encoding and decoding unchanged, encode back to
 * the same bytes, and read the same through Jackson's independent CBOR parser.
 */
class RoundTripTest {

    private static final long SEED = Long.getLong("erg.roundtrip.seed", 0x5eed_cb0bL);
    private static final int ITERATIONS = Integer.getInteger("erg.roundtrip.iterations", 5_000);
    private static final HexFormat HEX = HexFormat.of();
    private static final CBORFactory JACKSON = CBORFactory.builder()
            .enable(CBORReadFeature.DECODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
            .build();

    private final WireCodec codec = new WireCodec(TestTypes.allRegistry(), WireLimits.defaults());

    @Test
    void randomValuesRoundTrip() {
        Random random = new Random(SEED);
        RandomValues values = new RandomValues(random, false);
        for (int i = 0; i < ITERATIONS; i++) {
            Object value = values.value(0);
            byte[] bytes = codec.encodeValue(value, References.PASS);
            Object decoded = codec.decodeValue(bytes, References.KEEP);
            if (!DeepEquals.equal(value, decoded)) {
                fail("seed %d, iteration %d: %s decoded as %s", SEED, i, Diagnostic.render(value),
                        Diagnostic.render(decoded));
            }
            assertThat(codec.encodeValue(decoded, References.PASS))
                    .as("seed %d, iteration %d: re-encoding of %s", SEED, i, HEX.formatHex(bytes))
                    .isEqualTo(bytes);
        }
    }

    @Test
    void randomMessagesRoundTrip() {
        Random random = new Random(SEED + 1);
        RandomValues values = new RandomValues(random, false);
        for (int i = 0; i < ITERATIONS; i++) {
            Message message = values.message();
            byte[] bytes = codec.encode(message, References.PASS);
            Message decoded = codec.decode(bytes, References.KEEP);
            if (!DeepEquals.equal(message, decoded)) {
                fail("seed %d, iteration %d: %s decoded as %s", SEED + 1, i, Diagnostic.render(message),
                        Diagnostic.render(decoded));
            }
            assertThat(codec.encode(decoded, References.PASS))
                    .as("seed %d, iteration %d: re-encoding of %s", SEED + 1, i, HEX.formatHex(bytes))
                    .isEqualTo(bytes);
        }
    }

    /**
     * Jackson's parser is the oracle: it must read what the codec writes, item for item. Maps
     * have text keys only and integers stay within 64 bits, because Jackson turns other keys
     * into strings and reads a bignum whose first byte is 0x80 or more as negative.
     */
    @Test
    void jacksonReadsEveryEncodingAsTheCodecMeansIt() {
        Random random = new Random(SEED + 2);
        RandomValues values = new RandomValues(random, true);
        for (int i = 0; i < ITERATIONS; i++) {
            Object value = values.value(0);
            byte[] bytes = codec.encodeValue(value, References.PASS);
            Object decoded = codec.decodeValue(bytes, References.KEEP);
            try (CBORParser parser = (CBORParser) JACKSON.createParser(ObjectReadContext.empty(), bytes)) {
                parser.nextToken();
                String jackson = Diagnostic.render(parser);
                assertThat(parser.nextToken()).as("seed %d, iteration %d: end of input", SEED + 2, i).isNull();
                assertThat(jackson)
                        .as("seed %d, iteration %d: %s", SEED + 2, i, HEX.formatHex(bytes))
                        .isEqualTo(Diagnostic.render(decoded));
            }
        }
    }

    @Test
    void jacksonReadsEveryMessage() {
        Random random = new Random(SEED + 3);
        RandomValues values = new RandomValues(random, true);
        for (int i = 0; i < ITERATIONS; i++) {
            Message message = values.message();
            byte[] bytes = codec.encode(message, References.PASS);
            try (CBORParser parser = (CBORParser) JACKSON.createParser(ObjectReadContext.empty(), bytes)) {
                assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
                String jackson = Diagnostic.render(parser);
                assertThat(parser.nextToken()).isNull();
                assertThat(jackson)
                        .as("seed %d, iteration %d: %s", SEED + 3, i, HEX.formatHex(bytes))
                        .isEqualTo(Diagnostic.render(codec.decode(bytes, References.KEEP)));
            }
        }
    }
}
