package dev.erg.wire.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.vat.Problem;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.Descriptor.Export;
import dev.erg.wire.codec.Descriptor.ImportObject;
import dev.erg.wire.codec.TestTypes.Color;
import dev.erg.wire.codec.TestTypes.Counter;
import dev.erg.wire.codec.TestTypes.Groups;
import dev.erg.wire.codec.TestTypes.Holder;
import dev.erg.wire.codec.TestTypes.Line;
import dev.erg.wire.codec.TestTypes.Point;
import dev.erg.wire.codec.TestTypes.Widths;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    private final WireCodec codec = new WireCodec(TestTypes.allRegistry(), WireLimits.defaults());

    private String hex(Object value) {
        return HEX.formatHex(codec.encodeValue(value, References.PASS));
    }

    private Object decode(String hex) {
        return codec.decodeValue(HEX.parseHex(hex), References.KEEP);
    }

    private Object roundTrip(Object value) {
        byte[] bytes = codec.encodeValue(value, References.PASS);
        Object decoded = codec.decodeValue(bytes, References.KEEP);
        assertThat(codec.encodeValue(decoded, References.PASS)).as("re-encoding of %s", value).isEqualTo(bytes);
        return decoded;
    }

    @Test
    void integersOfEveryWidthDecodeAsLong() {
        assertThat(roundTrip((byte) -3)).isEqualTo(-3L);
        assertThat(roundTrip((short) 1000)).isEqualTo(1000L);
        assertThat(roundTrip(70000)).isEqualTo(70000L);
        assertThat(roundTrip(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(roundTrip(BigInteger.TEN)).isEqualTo(10L);
    }

    @Test
    void integersBeyondLongDecodeAsBigInteger() {
        BigInteger maxUnsigned = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
        assertThat(hex(maxUnsigned)).isEqualTo("1bffffffffffffffff");
        assertThat(roundTrip(maxUnsigned)).isEqualTo(maxUnsigned);
        BigInteger minNegative = BigInteger.TWO.pow(64).negate();
        assertThat(hex(minNegative)).isEqualTo("3bffffffffffffffff");
        assertThat(roundTrip(minNegative)).isEqualTo(minNegative);
        BigInteger big = BigInteger.TWO.pow(64);
        assertThat(hex(big)).isEqualTo("c249010000000000000000");
        assertThat(roundTrip(big)).isEqualTo(big);
        assertThat(hex(big.negate().subtract(BigInteger.ONE))).isEqualTo("c349010000000000000000");
        assertThat(roundTrip(Long.MIN_VALUE)).isInstanceOf(Long.class);
        assertThat(roundTrip(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE)))
                .isEqualTo(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE));
    }

    @Test
    void floatsUseTheShortestExactWidthAndDecodeAsDouble() {
        assertThat(hex(1.5)).isEqualTo("f93e00");
        assertThat(hex(1.5f)).isEqualTo("f93e00");
        assertThat(hex(100000.0)).isEqualTo("fa47c35000");
        assertThat(hex(1.1)).isEqualTo("fb3ff199999999999a");
        assertThat(hex(-0.0)).isEqualTo("f98000");
        assertThat(hex(Double.NaN)).isEqualTo("f97e00");
        assertThat(hex(Double.longBitsToDouble(0x7ff0000000000001L))).isEqualTo("f97e00");
        assertThat(hex(Double.NEGATIVE_INFINITY)).isEqualTo("f9fc00");
        assertThat(hex(5.960464477539063e-8)).isEqualTo("f90001");
        assertThat(roundTrip(0.1f)).isEqualTo((double) 0.1f);
        assertThat(roundTrip(-0.0)).isEqualTo(-0.0);
    }

    @Test
    void charactersAndStringsDecodeAsString() {
        assertThat(roundTrip('x')).isEqualTo("x");
        assertThat(hex("水")).isEqualTo("63e6b0b4");
        assertThat(hex("\uD800\uDD51")).isEqualTo("64f0908591");
        assertThat(roundTrip("\uD83D\uDE00 ok")).isEqualTo("\uD83D\uDE00 ok");
    }

    @Test
    void longByteStringsEncodeAsShortOnesDoInListsAndInMapsWhoseEntriesAreSorted() {
        Random random = new Random(0x1057L);
        byte[] a = new byte[20_000];
        byte[] b = new byte[70_000];
        random.nextBytes(a);
        random.nextBytes(b);
        String ha = "594e20" + HEX.formatHex(a);
        String hb = "5a00011170" + HEX.formatHex(b);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", b);
        map.put("a", a);

        assertThat(hex(List.of(a, "x", b))).isEqualTo("83" + ha + "6178" + hb);
        assertThat(hex(map)).isEqualTo("a2" + "6161" + ha + "6162" + hb);
        assertThat(hex(List.of(b, map, a))).isEqualTo("83" + hb + "a26161" + ha + "6162" + hb + ha);
        assertThat((List<?>) roundTrip(List.of(a, map))).first().isEqualTo(a);
    }

    @Test
    void listsDecodeUnmodifiableAndMayHoldNull() {
        List<Object> list = new ArrayList<>(Arrays.asList(1, null, "a"));
        Object decoded = roundTrip(list);
        assertThat(decoded).isEqualTo(Arrays.asList(1L, null, "a"));
        assertThat(((List<?>) decoded).contains(null)).isTrue();
        assertThatThrownBy(() -> ((List<?>) decoded).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void mapsAreWrittenInKeyOrderAndDecodeInIt() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("bb", 1);
        map.put(10, 2);
        map.put("a", 3);
        map.put(-1, null);
        // Encoded keys: "bb" 626262, 10 0a, "a" 6161, -1 20: sorted 0a, 20, 6161, 626262.
        assertThat(hex(map)).isEqualTo("a40a02" + "20f6" + "616103" + "62626201");
        Map<?, ?> decoded = (Map<?, ?>) roundTrip(map);
        assertThat(new ArrayList<Object>(decoded.keySet())).containsExactly(10L, -1L, "a", "bb");
        assertThat(decoded.containsKey(-1L)).isTrue();
        assertThat(decoded.get(-1L)).isNull();
        assertThatThrownBy(decoded::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(hex(new TreeMap<>(Map.of("b", 1, "a", 2)))).isEqualTo("a2616102616201");
    }

    @Test
    void mapKeysMayBeCompositeButHoldNoBytesOrReferences() {
        Map<Object, Object> map = Map.of(List.of(1, 2), "pair", new Point(1, 2), "point");
        assertThat(roundTrip(map)).isEqualTo(Map.of(List.of(1L, 2L), "pair", new Point(1, 2), "point"));
        assertThatThrownBy(() -> hex(Map.of(new byte[] {1}, 1)))
                .isInstanceOf(NotPassableException.class)
                .hasMessage("byte array in a map key at ${#0 key} (expected: no byte arrays or references in map keys)");
        assertThatThrownBy(() -> hex(Map.of(List.of(new Export(1)), 1)))
                .isInstanceOf(NotPassableException.class)
                .hasMessage("reference in a map key at ${#0 key}[0] (expected: no byte arrays or references in map keys)");
    }

    @Test
    void keysThatEncodeAlikeAreRejected() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1, "int");
        map.put(1L, "long");
        assertThatThrownBy(() -> hex(map))
                .isInstanceOf(NotPassableException.class)
                .hasMessage("duplicate map key at ${#1 key} (expected: keys with distinct encodings)");
    }

    @Test
    void largeMapsAreSorted() {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 999; i >= 0; i--) {
            map.put("k" + i, i);
        }
        Map<?, ?> decoded = (Map<?, ?>) roundTrip(map);
        List<Object> keys = new ArrayList<>(decoded.keySet());
        assertThat(keys).hasSize(1000);
        assertThat(keys.subList(0, 3)).containsExactly("k0", "k1", "k2");
        assertThat(keys.get(999)).isEqualTo("k999");
    }

    @Test
    void recordsAndEnumsTravelByWireName() {
        assertThat(hex(new Point(1, -2))).isEqualTo("d9a00183" + "6d6578616d706c652e506f696e74" + "0121");
        assertThat(hex(Color.GREEN)).isEqualTo("d9a00282" + "6d6578616d706c652e436f6c6f72" + "65475245454e");
        Line line = new Line(new Point(0, 0), new Point(3, 4), Color.BLUE);
        assertThat(roundTrip(line)).isEqualTo(line);
    }

    @Test
    void recordComponentsAreConvertedToTheirDeclaredTypes() {
        Widths widths = new Widths((byte) -1, (short) 300, 70000, Long.MAX_VALUE, 0.5f, 0.1, 'é', true,
                BigInteger.ONE, null, 'z');
        assertThat(roundTrip(widths)).isEqualTo(widths);
        Groups groups = new Groups(Map.of("a", List.of(new Point(1, 2))), Arrays.asList(1, null, 3));
        Groups decoded = (Groups) roundTrip(groups);
        assertThat(decoded).isEqualTo(groups);
        assertThat(decoded.counts().getFirst()).isInstanceOf(Integer.class);
    }

    @Test
    void problemsHaveTheirOwnTag() {
        Problem problem = new Problem(Problem.UNAVAILABLE, "link lost");
        assertThat(hex(problem)).startsWith("d9a00382");
        assertThat(roundTrip(problem)).isEqualTo(problem);
    }

    @Test
    void referencesGoThroughTheHooksWithTheExpectedType() {
        Counter counter = () -> 7;
        ReferenceEncoder exports = reference -> {
            assertThat(reference).isSameAs(counter);
            return new ImportObject(5);
        };
        byte[] bytes = codec.encodeValue(List.of(new Holder(counter, "n"), counter), exports);
        List<Class<?>> expected = new ArrayList<>();
        Object decoded = codec.decodeValue(bytes, (descriptor, type) -> {
            assertThat(descriptor).isEqualTo(new ImportObject(5));
            expected.add(type);
            return counter;
        });
        assertThat(expected).containsExactly(Counter.class, Object.class);
        assertThat(decoded).isEqualTo(List.of(new Holder(counter, "n"), counter));
    }

    @Test
    void aReferenceOfTheWrongTypeInATypedComponentIsAMismatch() {
        byte[] bytes = codec.encodeValue(new Holder(() -> 1, "n"), reference -> new ImportObject(1));
        assertThatThrownBy(() -> codec.decodeValue(bytes, (descriptor, type) -> "not a counter"))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("text string at $.counter (expected: dev.erg.wire.codec.TestTypes$Counter)");
    }

    @Test
    void aRejectionFromTheReferenceDecoderGetsItsPath() {
        byte[] bytes = codec.encodeValue(List.of(1, new Export(3)), References.PASS);
        assertThatThrownBy(() -> codec.decodeValue(bytes, ReferenceDecoder.none()))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("reference Export[position=3] where only data may appear at $[1]")
                .extracting(e -> ((ProtocolException) e).error()).isEqualTo(ProtocolError.TYPE_MISMATCH);
    }

    @Test
    void encodingIntoABufferAppends() {
        ByteBuf out = Unpooled.buffer();
        out.writeByte(0x99);
        codec.encodeValue(List.of(1, 2), References.PASS, out);
        assertThat(HEX.formatHex(io.netty.buffer.ByteBufUtil.getBytes(out))).isEqualTo("99820102");
        ByteBuf in = Unpooled.wrappedBuffer(HEX.parseHex("99820102")).skipBytes(1);
        assertThat(codec.decodeValue(in, References.KEEP)).isEqualTo(List.of(1L, 2L));
        assertThat(in.readerIndex()).isEqualTo(1);
    }

    @Test
    void decodedMapsCompareWithDecodedKeys() {
        assertThat(decode("a1616101")).isEqualTo(Map.of("a", 1L));
    }
}
