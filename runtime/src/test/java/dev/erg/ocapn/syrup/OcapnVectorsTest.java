package dev.erg.ocapn.syrup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.erg.wire.WireLimits;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Checks the codec against every vector of {@code spec/vectors/ocapn/}. */
class OcapnVectorsTest {

    @TestFactory
    Stream<DynamicTest> syrupValid() {
        return valid("syrup.json", OcapnVectors::syrupValue, Syrup::decode, Syrup::encode);
    }

    @TestFactory
    Stream<DynamicTest> syrupInvalid() {
        return invalid("syrup.json", Syrup::decode);
    }

    @TestFactory
    Stream<DynamicTest> passablesValid() {
        return valid("passables.json", OcapnVectors::passableValue, Passables::decode, Passables::encode);
    }

    @TestFactory
    Stream<DynamicTest> passablesInvalid() {
        return invalid("passables.json", Passables::decode);
    }

    private static Stream<DynamicTest> valid(String file, Function<Object, Object> notation,
            BiFunction<byte[], WireLimits, Object> decode, BiFunction<Object, WireLimits, byte[]> encode) {
        List<Map<String, Object>> vectors = OcapnVectors.vectors(file, "valid");
        assertThat(vectors).isNotEmpty();
        return vectors.stream().map(v -> dynamicTest((String) v.get("name"), () -> {
            byte[] bytes = OcapnVectors.hex(v);
            assertThat(OcapnVectors.show(bytes)).as("the syrup field shows the hex").isEqualTo(v.get("syrup"));
            Object expected = notation.apply(v.get("value"));
            WireLimits limits = OcapnVectors.limits(v);
            assertThat(Normalized.of(decode.apply(bytes, limits))).isEqualTo(Normalized.of(expected));
            assertThat(encode.apply(expected, limits)).isEqualTo(bytes);
        }));
    }

    private static Stream<DynamicTest> invalid(String file, BiFunction<byte[], WireLimits, Object> decode) {
        List<Map<String, Object>> vectors = OcapnVectors.vectors(file, "invalid");
        assertThat(vectors).isNotEmpty();
        return vectors.stream().map(v -> dynamicTest((String) v.get("name"), () -> {
            byte[] bytes = OcapnVectors.hex(v);
            assertThat(OcapnVectors.show(bytes)).as("the syrup field shows the hex").isEqualTo(v.get("syrup"));
            SyrupException e = catchThrowableOfType(SyrupException.class,
                    () -> decode.apply(bytes, OcapnVectors.limits(v)));
            assertThat(e).as("decoding fails").isNotNull();
            assertThat(e.error().code()).isEqualTo(v.get("error"));
            assertThat(e.offset()).isEqualTo(v.get("offset"));
            assertThat(e.getMessage()).isEqualTo(v.get("message"));
        }));
    }
}
