package dev.erg.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void carriesItsSequenceNumberInSixtyFourBytes() {
        for (long n : new long[] {0, 1, 255, 1L << 40, Long.MAX_VALUE, -1}) {
            byte[] payload = Payload.of(n);
            assertThat(payload).hasSize(64);
            assertThat(Payload.sequence(payload)).isEqualTo(n);
        }
    }

    @Test
    void payloadsDifferOnlyInTheirSequenceNumber() {
        byte[] a = Payload.of(1);
        byte[] b = Payload.of(2);
        assertThat(a).isNotEqualTo(b);
        assertThat(Arrays.copyOfRange(a, 8, 64)).isEqualTo(Arrays.copyOfRange(b, 8, 64));
    }

    @Test
    void anEchoOfAnotherSizeIsAnError() {
        assertThatThrownBy(() -> Payload.sequence(new byte[63]))
                .isInstanceOf(IllegalStateException.class).hasMessage("echoed 63 bytes, sent 64");
    }
}
