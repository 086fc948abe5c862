package dev.erg.ocapn.syrup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.ProtocolError;
import dev.erg.wire.codec.ProtocolException;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyrupReaderTest {

    private static final WireLimits LIMITS = WireLimits.defaults();

    private static SyrupReader reader(String syrup) {
        return SyrupReader.of(syrup.getBytes(StandardCharsets.UTF_8), LIMITS);
    }

    @Test
    void walksARecordOfAFixedShapeItemByItem() {
        SyrupReader in = reader("<10'op:deliver<11'desc:export5+>[5'drive]3+f>");
        in.enter(SyrupKind.RECORD);
        assertThat(in.readSymbol()).isEqualTo("op:deliver");
        in.enter(SyrupKind.RECORD);
        assertThat(in.readSymbol()).isEqualTo("desc:export");
        assertThat(in.readInteger()).isEqualTo(5L);
        in.exit("desc:export");
        assertThat(in.peek()).isEqualTo(SyrupKind.LIST);
        in.enter(SyrupKind.LIST);
        assertThat(in.closes()).isFalse();
        assertThat(in.readSymbol()).isEqualTo("drive");
        assertThat(in.closes()).isTrue();
        assertThat(in.readInteger()).isEqualTo(3L);
        assertThat(in.readBoolean()).isFalse();
        in.exit("op:deliver");
        in.expectEnd();
        assertThat(in.atEnd()).isTrue();
        assertThat(in.depth()).isZero();
    }

    @Test
    void aRecordWithMoreFieldsThanItsShapeIsATypeMismatchAtTheExtraField() {
        SyrupReader in = reader("<8'op:abort1\"x2\"yy>");
        in.enter(SyrupKind.RECORD);
        in.readSymbol();
        in.readString();
        SyrupException e = catchThrowableOfType(SyrupException.class, () -> in.exit("op:abort"));
        assertThat(e.error()).isEqualTo(ProtocolError.TYPE_MISMATCH);
        assertThat(e.offset()).isEqualTo(14);
        assertThat(e.getMessage()).isEqualTo("op:abort with more than 1 fields at offset 14 (expected: '>')");
    }

    @Test
    void anItemOfAnotherKindIsATypeMismatchNamingBoth() {
        SyrupException e = catchThrowableOfType(SyrupException.class, () -> reader("3\"abc").readSymbol());
        assertThat(e.error()).isEqualTo(ProtocolError.TYPE_MISMATCH);
        assertThat(e.found()).isEqualTo("string");
        assertThat(e.expected()).isEqualTo("symbol");
    }

    @Test
    void checksTheOrderOfDictionaryKeysWhateverTheCallerReads() {
        SyrupReader in = reader("{1\"b1+1\"a2+}");
        in.enter(SyrupKind.DICTIONARY);
        in.readString();
        in.readInteger();
        in.readString();
        SyrupException e = catchThrowableOfType(SyrupException.class, in::readInteger);
        assertThat(e.error()).isEqualTo(ProtocolError.NON_CANONICAL);
        assertThat(e.offset()).isEqualTo(6);
    }

    @Test
    void offsetsCountFromTheStartOfTheRegion() {
        byte[] bytes = "xxxx01+".getBytes(StandardCharsets.US_ASCII);
        SyrupReader in = new SyrupReader(Unpooled.wrappedBuffer(bytes), 4, bytes.length, LIMITS);
        SyrupException e = catchThrowableOfType(SyrupException.class, in::readInteger);
        assertThat(e.offset()).isZero();
        assertThat(e.error()).isEqualTo(ProtocolError.NON_CANONICAL);
    }

    @Test
    void tellsAnInputThatEndsTooSoonFromOneThatIsWrong() {
        for (String prefix : new String[] {"", "[1+", "12", "5:ab", "D\u0001", "<4'null", "{1\"a"}) {
            SyrupException e = catchThrowableOfType(SyrupException.class, () -> Syrup.decode(
                    prefix.getBytes(StandardCharsets.ISO_8859_1), LIMITS));
            assertThat(e.isTruncated()).as(prefix).isTrue();
            assertThat(e.error()).isEqualTo(ProtocolError.MALFORMED);
        }
        for (String wrong : new String[] {"01+", "[1+}", "x", "0-"}) {
            SyrupException e = catchThrowableOfType(SyrupException.class, () -> Syrup.decode(
                    wrong.getBytes(StandardCharsets.ISO_8859_1), LIMITS));
            assertThat(e.isTruncated()).as(wrong).isFalse();
        }
    }

    @Test
    void readsConsecutiveItemsOfAStream() {
        SyrupReader in = reader("<8'op:abort1\"a><8'op:abort1\"b>");
        for (String reason : new String[] {"a", "b"}) {
            assertThat(Syrup.read(in)).isEqualTo(SyrupRecord.of("op:abort", reason));
        }
        assertThat(in.atEnd()).isTrue();
    }

    @Test
    void turnsIntoTheProtocolExceptionASessionAbortsWith() {
        SyrupException trailing = catchThrowableOfType(SyrupException.class,
                () -> Syrup.decode("1+2+".getBytes(StandardCharsets.US_ASCII), LIMITS));
        ProtocolException p = trailing.toProtocolException();
        assertThat(p.error()).isEqualTo(ProtocolError.TRAILING_BYTES);
        assertThat(p.abortReason()).isEqualTo("trailing-bytes: trailing byte count 2 at offset 2 (expected: 0)");
        assertThat(trailing.getStackTrace()).isEmpty();
    }

    @Test
    void readsIntegersIntoTheSmallestTypeThatHoldsThem() {
        assertThat(reader("9223372036854775807+").readInteger()).isEqualTo(Long.MAX_VALUE);
        assertThat(reader("9223372036854775808-").readInteger()).isEqualTo(Long.MIN_VALUE);
        assertThat(reader("9223372036854775808+").readInteger()).isEqualTo(BigInteger.ONE.shiftLeft(63));
        assertThat(reader("9223372036854775809-").readInteger())
                .isEqualTo(BigInteger.ONE.shiftLeft(63).add(BigInteger.ONE).negate());
    }

    @Test
    void checksTheLengthOfARegionAgainstTheFrameLimit() {
        WireLimits small = WireLimits.builder().maxFrameBytes(2).build();
        assertThatThrownBy(() -> SyrupReader.of(new byte[3], small))
                .isInstanceOfSatisfying(SyrupException.class,
                        e -> assertThat(e.error()).isEqualTo(ProtocolError.LIMIT_EXCEEDED));
    }

    @Test
    void closesNeedsAnOpenContainer() {
        assertThatThrownBy(() -> reader("t").closes()).isInstanceOf(IllegalStateException.class);
    }
}
