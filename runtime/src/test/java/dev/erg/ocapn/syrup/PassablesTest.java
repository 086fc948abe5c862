package dev.erg.ocapn.syrup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.erg.vat.Problem;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.ProtocolError;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PassablesTest {

    private static final WireLimits LIMITS = WireLimits.defaults();

    /** A reference as a toy session keeps it: an export of the peer's, by position. */
    record Export(long position) {
    }

    /** Reads and writes {@code <desc:export n>} as {@link Export}s. */
    private static final ReferenceCodec EXPORTS = new ReferenceCodec() {
        @Override
        public boolean reads(String label) {
            return label.equals("desc:export");
        }

        @Override
        public Object read(String label, SyrupReader in) {
            if (in.peek() != SyrupKind.INTEGER) {
                throw in.mismatch("a position");
            }
            Number position = in.readInteger();
            in.exit(label);
            return new Export(position.longValue());
        }

        @Override
        public boolean write(Object value, SyrupWriter out) {
            if (!(value instanceof Export(long position))) {
                return false;
            }
            out.open(SyrupKind.RECORD);
            out.symbol("desc:export");
            out.integer(position);
            out.close();
            return true;
        }
    };

    private static String encode(Object value) {
        return new String(Passables.encode(value, LIMITS), StandardCharsets.UTF_8);
    }

    private static Object decode(String syrup) {
        return Passables.decode(syrup.getBytes(StandardCharsets.UTF_8), LIMITS);
    }

    @Test
    void javaTypesWithoutAnOcapnTwinCrossAsTheirNearestPassable() {
        assertThat(encode(1.5f)).isEqualTo(encode(1.5d));
        assertThat(encode((short) -3)).isEqualTo("3-");
        assertThat(encode((byte) 7)).isEqualTo("7+");
        assertThat(encode(42)).isEqualTo("42+");
        assertThat(encode('x')).isEqualTo("1\"x");
        assertThat(encode(Optional.empty())).isEqualTo("<4'null>");
        assertThat(encode(Optional.of("a"))).isEqualTo("1\"a");
        assertThat(encode(Bytes.of(new byte[] {1}))).isEqualTo(encode(new byte[] {1}));
    }

    @Test
    void undefinedAndNullStayApart() {
        assertThat(decode("<4'void>")).isEqualTo(Undefined.INSTANCE);
        assertThat(decode("<4'null>")).isNull();
        assertThat(encode(new Undefined())).isEqualTo("<4'void>");
    }

    @Test
    void aProblemCrossesAsAnErrorAndComesBackWhole() {
        Problem problem = new Problem("NotFound", "no object for that swiss number");
        assertThat(encode(problem)).isEqualTo("<10'desc:error41\"NotFound: no object for that swiss number>");
        assertThat(decode(encode(problem))).isEqualTo(problem);
        assertThat(decode(encode(new Problem("Exception", "")))).isEqualTo(new Problem("Exception", ""));
    }

    @Test
    void anErrorFromAPeerThatNamesNoKindIsAnError() {
        assertThat(decode("<10'desc:error7\"no fuel>")).isEqualTo(new Problem(Passables.FOREIGN_ERROR_KIND, "no fuel"));
        assertThat(decode("<10'desc:error12\"two words: x>"))
                .isEqualTo(new Problem(Passables.FOREIGN_ERROR_KIND, "two words: x"));
        assertThat(decode("<10'desc:error0\">")).isEqualTo(new Problem(Passables.FOREIGN_ERROR_KIND, ""));
    }

    @Test
    void aStructKeepsItsKeysInTheOrderOfTheirEncodings() {
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("name", "Alice");
        struct.put("age", 30L);
        assertThat(encode(struct)).isEqualTo("{3\"age30+4\"name5\"Alice}");
        assertThat(List.copyOf(((Map<?, ?>) decode(encode(struct))).keySet())).isEqualTo(List.of("age", "name"));
    }

    @Test
    void refusesJavaValuesWithoutAnOcapnForm() {
        record Point(int x, int y) {
        }
        enum Color { RED }
        Map<Object, Object> intKeys = Map.of(1L, "a");
        for (Object value : new Object[] {new Point(1, 2), Color.RED, BigDecimal.ONE, Set.of(1L), intKeys,
            new Object()}) {
            assertThatThrownBy(() -> encode(value)).as("%s", value).isInstanceOf(NotPassableException.class);
        }
        assertThatThrownBy(() -> encode(intKeys)).hasMessage(
                "map key of java.lang.Long (expected: strings only, as OCapN's structs have)");
        assertThatThrownBy(() -> encode(new Point(1, 2))).hasMessageContaining("which has no OCapN form");
    }

    @Test
    void referencesAreReadAndWrittenByTheSessionsCodec() {
        byte[] bytes = "[11'desc:export5+<11'desc:tagged3'ref<11'desc:export0+>>]".getBytes(StandardCharsets.UTF_8);
        SyrupReader in = SyrupReader.of(bytes, LIMITS);
        List<Object> args = new PassableReader(in, EXPORTS).list();
        in.expectEnd();
        assertThat(args).containsExactly(new Symbol("desc:export"), 5L, new Tagged("ref", new Export(0)));
        SyrupWriter out = new SyrupWriter(Unpooled.buffer(), LIMITS);
        new PassableWriter(out, EXPORTS).list(args);
        assertThat(out.toByteArray()).isEqualTo(bytes);
        assertThat(catchThrowableOfType(SyrupException.class, () -> decode("<11'desc:export5+>")).error())
                .isEqualTo(ProtocolError.UNKNOWN_NAME);
    }

    @Test
    void aMessageReaderSitsOnTheSyrupReaderAndReadsItsArgumentsAsPassables() {
        String deliver = "<10'op:deliver<11'desc:export5+>[16'make-car-factory4\"blue]3+<18'desc:import-object15+>>";
        SyrupReader in = SyrupReader.of(deliver.getBytes(StandardCharsets.UTF_8), LIMITS);
        PassableReader values = new PassableReader(in, EXPORTS);
        in.enter(SyrupKind.RECORD);
        assertThat(in.readSymbol()).isEqualTo("op:deliver");
        in.enter(SyrupKind.RECORD);
        assertThat(in.readSymbol()).isEqualTo("desc:export");
        Object target = EXPORTS.read("desc:export", in);
        List<Object> args = values.list();
        Number answer = in.peek() == SyrupKind.BOOLEAN ? null : in.readInteger();
        assertThat(Syrup.read(in)).isEqualTo(SyrupRecord.of("desc:import-object", 15L));
        in.exit("op:deliver");
        in.expectEnd();
        assertThat(target).isEqualTo(new Export(5));
        assertThat(args).containsExactly(new Symbol("make-car-factory"), "blue");
        assertThat(answer).isEqualTo(3L);
    }

    @Test
    void aReferenceTheCodecCannotReadFailsWhereItIs() {
        SyrupException e = catchThrowableOfType(SyrupException.class, () -> new PassableReader(
                SyrupReader.of("[<11'desc:export1\"x>]".getBytes(StandardCharsets.UTF_8), LIMITS), EXPORTS).read());
        assertThat(e.error()).isEqualTo(ProtocolError.TYPE_MISMATCH);
        assertThat(e.offset()).isEqualTo(16);
        assertThat(e.getMessage()).isEqualTo("string at offset 16 (expected: a position)");
    }
}
