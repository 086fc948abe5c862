package dev.erg.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A context's parent span: made by a child, carried in the 33-byte wire form, absent from the 25-byte one. */
class TraceContextTest {

    private static final TraceContext ROOT = TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    private static final long CHILD_SPAN = 0xb7ad6b7169203331L;

    @Test
    void aChildKeepsTheTraceAndNamesItsParentsSpan() {
        TraceContext child = ROOT.child(CHILD_SPAN);

        assertThat(child.traceId()).isEqualTo(ROOT.traceId());
        assertThat(child.span()).isEqualTo(CHILD_SPAN);
        assertThat(child.parent()).isEqualTo(ROOT.span());
        assertThat(child.flags()).isEqualTo(ROOT.flags());
        assertThat(ROOT.parent()).isZero();
    }

    @Test
    void aContextWithAParentTakes33BytesAndReadsBackWithIt() {
        TraceContext child = ROOT.child(CHILD_SPAN);
        byte[] bytes = child.toBytes();

        assertThat(bytes).hasSize(TraceContext.BYTES_WITH_PARENT);
        assertThat(Arrays.copyOfRange(bytes, TraceContext.BYTES, bytes.length))
                .containsExactly(0x00, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7);
        TraceContext read = TraceContext.fromBytes(bytes);
        assertThat(read.parent()).isEqualTo(ROOT.span());
        assertThat(read.span()).isEqualTo(CHILD_SPAN);
    }

    @Test
    void aContextWithoutAParentTakes25BytesAsBefore() {
        assertThat(ROOT.toBytes()).hasSize(TraceContext.BYTES);
        assertThat(TraceContext.fromBytes(ROOT.toBytes()).parent()).isZero();
        // The first 25 bytes of the longer form are the shorter form of the same message.
        byte[] older = Arrays.copyOf(ROOT.child(CHILD_SPAN).toBytes(), TraceContext.BYTES);
        assertThat(TraceContext.fromBytes(older).parent()).isZero();
        assertThat(TraceContext.fromBytes(older).span()).isEqualTo(CHILD_SPAN);
    }

    @Test
    void theParentIsNotPartOfAContextsIdentity() {
        TraceContext child = ROOT.child(CHILD_SPAN);
        TraceContext withoutParent = TraceContext.parse(child.traceparent());

        assertThat(withoutParent.parent()).isZero();
        assertThat(withoutParent).isEqualTo(child).hasSameHashCodeAs(child);
        assertThat(ROOT.child(CHILD_SPAN + 1)).isNotEqualTo(child);
    }

    @Test
    void aLongFormWithAZeroParentOrAnotherLengthIsRefused() {
        byte[] zeroParent = Arrays.copyOf(ROOT.toBytes(), TraceContext.BYTES_WITH_PARENT);
        assertThatThrownBy(() -> TraceContext.fromBytes(zeroParent)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parent span id: 0");
        assertThatThrownBy(() -> TraceContext.fromBytes(new byte[32])).hasMessageContaining("expected: 25 or 33");
    }
}
