package dev.erg.ocapn.captp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.ocapn.syrup.Symbol;
import dev.erg.ocapn.syrup.Tagged;
import dev.erg.vat.Passable;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.Descriptor.Export;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.ReferenceDecoder;
import dev.erg.wire.codec.ReferenceEncoder;
import dev.erg.wire.codec.SpecVectors;
import dev.erg.wire.codec.Unreadable;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Registered records and enums cross OCapN as tagged values under their wire names: the
 * vectors of {@code spec/vectors/ocapn/passables.json} that say how a reader with the test's
 * types registered reads them, each inside a delivery, and written back byte for byte.
 */
class RegisteredTagsTest {

    /** A record of the vectors. */
    @Passable("test.Car")
    public record Car(String color, int doors) {
    }

    /** An enum of the vectors. */
    @Passable("test.Fuel")
    public enum Fuel { PETROL, ELECTRIC }

    /** A record of records and an enum. */
    @Passable("test.Garage")
    public record Garage(List<Car> cars, Fuel fuel) {
    }

    private static final ReferenceEncoder ENCODER = value -> {
        throw new NotPassableException(value.getClass().getSimpleName() + ", which is no reference here");
    };
    private static final ReferenceDecoder DECODER = (descriptor, expected) -> {
        throw new AssertionError("no references here");
    };
    private static final String PREFIX = "<15'op:deliver-only<11'desc:export1+>[4'take";

    private final OcapnCodec registered = new OcapnCodec(WireLimits.defaults(),
            PassableRegistry.of(Car.class, Fuel.class, Garage.class));
    private final OcapnCodec plain = new OcapnCodec(WireLimits.defaults());

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> theVectorsReadAsTheRegisteredTypesAndAreWrittenBackTheSame() {
        List<Map<String, Object>> vectors = SpecVectors.vectors("ocapn/passables.json", "valid").stream()
                .filter(v -> v.containsKey("registered")).toList();
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(7);
        return vectors.stream().map(v -> DynamicTest.dynamicTest((String) v.get("name"), () -> {
            byte[] value = HexFormat.of().parseHex((String) v.get("hex"));
            byte[] bytes = delivery(value);
            Map<String, Object> expected = (Map<String, Object>) v.get("registered");
            List<Object> args = ((Message.DeliverOnly) registered.decode(bytes, DECODER)).args();
            if (expected.containsKey("java")) {
                assertThat(String.valueOf(args.getFirst())).isEqualTo(expected.get("java"));
                assertThat(registered.encode(new Message.DeliverOnly(new Export(1), "take", args), ENCODER))
                        .isEqualTo(bytes);
            } else {
                assertThat(args).singleElement().isInstanceOfSatisfying(Unreadable.class,
                        u -> assertThat(u.reason()).startsWith((String) expected.get("unreadable")));
            }
            assertThat(((Message.DeliverOnly) plain.decode(bytes, DECODER)).args().getFirst())
                    .as("a reader that has not registered the name").isInstanceOf(Tagged.class);
        }));
    }

    @Test
    void recordsAndEnumsAreWrittenAsTaggedValuesAndRefusedWithoutARegistry() {
        Message take = new Message.DeliverOnly(new Export(1), "take",
                List.of(new Garage(List.of(new Car("red", 4)), Fuel.PETROL)));
        assertThat(new String(registered.encode(take, ENCODER), StandardCharsets.US_ASCII)).isEqualTo(PREFIX
                + "<11'desc:tagged11'test.Garage[[<11'desc:tagged8'test.Car[3\"red4+]>]<11'desc:tagged9'test.Fuel6'PETROL>]>]>");
        assertThatThrownBy(() -> plain.encode(take, ENCODER)).isInstanceOf(NotPassableException.class)
                .hasMessageContaining("Garage");
    }

    @Test
    void aTagThatNamesNothingRegisteredStaysATaggedValue() {
        byte[] bytes = delivery("<11'desc:tagged8'test.Van4'FORD>".getBytes(StandardCharsets.US_ASCII));
        assertThat(((Message.DeliverOnly) registered.decode(bytes, DECODER)).args())
                .containsExactly(new Tagged("test.Van", new Symbol("FORD")));
    }

    private static byte[] delivery(byte[] value) {
        byte[] prefix = PREFIX.getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[prefix.length + value.length + 2];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        System.arraycopy(value, 0, bytes, prefix.length, value.length);
        bytes[bytes.length - 2] = ']';
        bytes[bytes.length - 1] = '>';
        return bytes;
    }
}
