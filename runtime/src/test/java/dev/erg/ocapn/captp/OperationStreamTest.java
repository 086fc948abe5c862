package dev.erg.ocapn.captp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.ocapn.syrup.SyrupException;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.ProtocolError;
import dev.erg.wire.codec.SpecVectors;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OperationStreamTest {

    private static final long SEED = Long.getLong("erg.fuzz.seed", 0x57_12eaL);
    private final WireLimits limits = WireLimits.defaults();
    private final CaptpWriter writer = CaptpWriter.plain(limits);

    @Test
    void theVectorsSplitAnywhereComeOutWhole() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<byte[]> expected = new ArrayList<>();
        for (Map<String, Object> v : SpecVectors.vectors("ocapn/captp.json", "valid")) {
            byte[] bytes = HexFormat.of().parseHex((String) v.get("hex"));
            expected.add(bytes);
            all.writeBytes(bytes);
        }
        byte[] stream = all.toByteArray();
        Random random = new Random(SEED);
        for (int round = 0; round < 50; round++) {
            OperationStream in = new OperationStream(CaptpReader.plain(limits), limits);
            List<byte[]> out = new ArrayList<>();
            for (int at = 0; at < stream.length; ) {
                int n = Math.min(stream.length - at, 1 + random.nextInt(round < 5 ? 1 + round : 300));
                in.feed(Arrays.copyOfRange(stream, at, at + n)).forEach(op -> out.add(writer.encode(op)));
                at += n;
            }
            assertThat(in.hasPartial()).isFalse();
            assertThat(out).as("seed %d, round %d", SEED, round).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aWrongOperationFailsTheStreamAndATooLongOneHitsTheLimit() {
        OperationStream in = new OperationStream(CaptpReader.plain(limits), limits);
        assertThatThrownBy(() -> in.feed("<8'op:abort1+>".getBytes()))
                .isInstanceOfSatisfying(SyrupException.class, e -> assertThat(e.error()).isEqualTo(ProtocolError.TYPE_MISMATCH));
        assertThatThrownBy(() -> in.feed(new byte[0])).isInstanceOf(IllegalStateException.class);

        WireLimits small = WireLimits.builder().maxFrameBytes(64).build();
        OperationStream bounded = new OperationStream(CaptpReader.plain(small), small);
        assertThat(bounded.feed("<8'op:abort100\"".getBytes())).isEmpty();
        assertThatThrownBy(() -> bounded.feed(new byte[100]))
                .isInstanceOfSatisfying(SyrupException.class, e -> assertThat(e.error()).isEqualTo(ProtocolError.LIMIT_EXCEEDED));
    }
}
