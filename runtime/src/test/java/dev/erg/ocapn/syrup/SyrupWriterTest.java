package dev.erg.ocapn.syrup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.erg.wire.NotPassableException;
import dev.erg.wire.WireLimits;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyrupWriterTest {

    private static final WireLimits LIMITS = WireLimits.defaults();

    private static String encode(Object value) {
        return new String(Syrup.encode(value, LIMITS), StandardCharsets.ISO_8859_1);
    }

    @Test
    void sortsDictionaryKeysAndSetItemsByTheirEncodings() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("aaa", 1L);
        map.put("zz", 2L);
        map.put(new Symbol("b"), 3L);
        map.put(10L, 4L);
        assertThat(encode(map)).isEqualTo("{1'b3+10+4+2\"zz2+3\"aaa1+}");
        assertThat(encode(Set.of(3L, 20L, 100L))).isEqualTo("#100+20+3+$");
    }

    @Test
    void refusesTwoKeysThatEncodeTheSame() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1L, "a");
        map.put(1, "b");
        assertThatThrownBy(() -> encode(map)).isInstanceOf(NotPassableException.class)
                .hasMessage("two dictionary keys with the same encoding, 1+ (expected: distinct dictionary keys)");
    }

    @Test
    void writesEveryNaNAsTheCanonicalOne() {
        double otherNaN = Double.longBitsToDouble(0xfff8_0000_0000_0001L);
        assertThat(Syrup.encode(otherNaN, LIMITS)).containsExactly('D', 0x7f, 0xf8, 0, 0, 0, 0, 0, 0);
        assertThat(Syrup.encode(Float.intBitsToFloat(0xffc0_0001), LIMITS))
                .containsExactly('F', 0x7f, 0xc0, 0, 0);
    }

    @Test
    void writesTheExtremesOfLong() {
        assertThat(encode(Long.MIN_VALUE)).isEqualTo("9223372036854775808-");
        assertThat(encode(BigInteger.ONE.shiftLeft(64).negate())).isEqualTo("18446744073709551616-");
    }

    @Test
    void refusesAStringWithAnUnpairedSurrogate() {
        assertThatThrownBy(() -> encode("a\ud800b")).isInstanceOf(NotPassableException.class)
                .hasMessage("string with an unpaired surrogate at index 1 (expected: well-formed UTF-16)");
        assertThatThrownBy(() -> encode(new Symbol("\udc00"))).isInstanceOf(NotPassableException.class);
    }

    @Test
    void refusesWhatAReaderWithTheSameLimitsWouldRefuse() {
        assertRefusedBoth(WireLimits.builder().maxDepth(2).build(), List.of(List.of(List.of())));
        assertRefusedBoth(WireLimits.builder().maxStringBytes(3).build(), "abcd");
        assertRefusedBoth(WireLimits.builder().maxBytesLength(3).build(), new byte[4]);
        assertRefusedBoth(WireLimits.builder().maxCollectionLength(2).build(), List.of(1L, 2L, 3L));
        assertRefusedBoth(WireLimits.builder().maxCollectionLength(1).build(), Map.of(1L, 2L, 3L, 4L));
        assertRefusedBoth(WireLimits.builder().maxCollectionLength(1).build(), SyrupRecord.of("r", 1L, 2L));
        assertRefusedBoth(WireLimits.builder().maxTotalValues(3).build(), List.of(1L, List.of(2L)));
        assertRefusedBoth(WireLimits.builder().maxFrameBytes(4).build(), "abcd");
        assertRefusedBoth(WireLimits.builder().maxBigIntegerBytes(9).build(), BigInteger.ONE.shiftLeft(80));
    }

    /** The writer refuses {@code value} under {@code limits}, and the reader its encoding under the defaults. */
    private static void assertRefusedBoth(WireLimits limits, Object value) {
        assertThatThrownBy(() -> Syrup.encode(value, limits)).as("writing %s", value)
                .isInstanceOf(NotPassableException.class);
        byte[] encoded = Syrup.encode(value, LIMITS);
        SyrupException e = catchThrowableOfType(SyrupException.class, () -> Syrup.decode(encoded, limits));
        assertThat(e).as("reading %s", value).isNotNull();
        assertThat(e.error().code()).isEqualTo("limit");
        assertThat(Syrup.decode(encoded, LIMITS)).isNotNull();
    }

    @Test
    void stopsAnOutputLongerThanAFrameBeforeItGrowsFurther() {
        WireLimits small = WireLimits.builder().maxFrameBytes(100).build();
        SyrupWriter out = new SyrupWriter(Unpooled.buffer(), small);
        out.open(SyrupKind.LIST);
        String item = "x".repeat(60);
        out.string(item);
        out.string(item);
        assertThatThrownBy(() -> out.string(item)).isInstanceOf(NotPassableException.class)
                .hasMessage("encoded length 127 before the value ends (expected: <= 100)");
    }

    @Test
    void refusesJavaValuesSyrupHasNoFormFor() {
        for (Object value : new Object[] {null, new Object(), 'c', Optional.empty()}) {
            assertThatThrownBy(() -> Syrup.encode(value, LIMITS)).isInstanceOf(NotPassableException.class);
        }
    }

    @Test
    void aDictionaryWritesItsValuesAfterTheirSortedKeys() {
        SyrupWriter out = new SyrupWriter(Unpooled.buffer(), LIMITS);
        out.dictionary(List.of(Map.entry("b", 1L), Map.entry("a", 2L)), SyrupWriter::string,
                (w, v) -> w.integer(v));
        out.finish();
        assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("{1\"a2+1\"b1+}");
    }
}
