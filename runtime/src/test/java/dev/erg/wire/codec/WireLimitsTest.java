package dev.erg.wire.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireLimitsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(WireLimits.defaults())
                .isEqualTo(new WireLimits(1_048_576, 64, 65_536, 262_144, 1_048_576, 262_144, 128));
    }

    @Test
    void theBuilderReplacesOneBoundAtATime() {
        WireLimits limits = WireLimits.builder().maxFrameBytes(100).maxDepth(3).build();
        assertThat(limits.maxFrameBytes()).isEqualTo(100);
        assertThat(limits.maxDepth()).isEqualTo(3);
        assertThat(limits.maxCollectionLength()).isEqualTo(WireLimits.defaults().maxCollectionLength());
        assertThat(limits.toBuilder().maxTotalValues(7).build())
                .isEqualTo(new WireLimits(100, 3, 65_536, 262_144, 1_048_576, 7, 128));
    }

    @Test
    void everyBoundMustBePositive() {
        assertThatThrownBy(() -> WireLimits.builder().maxFrameBytes(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxFrameBytes: 0 (expected: >= 1)");
        assertThatThrownBy(() -> WireLimits.builder().maxCollectionLength(-1).build())
                .hasMessage("maxCollectionLength: -1 (expected: >= 1)");
        assertThatThrownBy(() -> WireLimits.builder().maxStringBytes(0).build())
                .hasMessage("maxStringBytes: 0 (expected: >= 1)");
        assertThatThrownBy(() -> WireLimits.builder().maxBytesLength(0).build())
                .hasMessage("maxBytesLength: 0 (expected: >= 1)");
        assertThatThrownBy(() -> WireLimits.builder().maxTotalValues(0).build())
                .hasMessage("maxTotalValues: 0 (expected: >= 1)");
        assertThatThrownBy(() -> WireLimits.builder().maxBigIntegerBytes(0).build())
                .hasMessage("maxBigIntegerBytes: 0 (expected: >= 1)");
    }

    @Test
    void depthIsCappedToProtectTheStack() {
        assertThatThrownBy(() -> WireLimits.builder().maxDepth(0).build())
                .hasMessage("maxDepth: 0 (expected: >= 1)");
        assertThatThrownBy(() -> WireLimits.builder().maxDepth(257).build())
                .hasMessage("maxDepth: 257 (expected: <= 256)");
        assertThat(WireLimits.builder().maxDepth(256).build().maxDepth()).isEqualTo(256);
    }

    /** The deepest nesting allowed decodes on a test thread's 1 MiB stack. */
    @Test
    void theDeepestAllowedNestingDecodes() {
        WireLimits limits = WireLimits.builder().maxDepth(WireLimits.MAX_DEPTH_CEILING).build();
        WireCodec codec = new WireCodec(PassableRegistry.empty(), limits);
        Object value = 1;
        for (int i = 0; i < WireLimits.MAX_DEPTH_CEILING; i++) {
            value = List.of(value);
        }
        byte[] bytes = codec.encodeValue(value, ReferenceEncoder.none());
        assertThat(DeepEquals.equal(codec.decodeValue(bytes, ReferenceDecoder.none()), value)).isTrue();
    }
}
