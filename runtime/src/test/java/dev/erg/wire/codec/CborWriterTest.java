package dev.erg.wire.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a writer borrows its thread's spare array and gives it back. */
class CborWriterTest {

    @Test
    void aLentArrayIsUsedAgainAndEachResultIsACopyOfItsOwn() {
        CborWriter first = CborWriter.lent(0);
        byte[] array = first.array();
        first.head(Cbor.UNSIGNED, 1);
        byte[] one = first.toByteArray();

        CborWriter second = CborWriter.lent(0);
        second.head(Cbor.UNSIGNED, 2);
        byte[] two = second.toByteArray();

        assertThat(second.array()).isSameAs(array);
        assertThat(one).containsExactly(0x01);
        assertThat(two).containsExactly(0x02);
    }

    @Test
    void aWriterMadeWhileTheArrayIsLentGetsOneOfItsOwn() {
        CborWriter outer = CborWriter.lent(4);
        CborWriter inner = CborWriter.lent(0);

        assertThat(inner.array()).isNotSameAs(outer.array());
        inner.text("inner", 100);
        outer.text("outer", 100);
        outer.setInt(0, outer.size() - 4);

        assertThat(inner.toByteArray()).containsExactly(0x65, 'i', 'n', 'n', 'e', 'r');
        assertThat(outer.toByteArray()).containsExactly(0, 0, 0, 6, 0x65, 'o', 'u', 't', 'e', 'r');
    }

    @Test
    void anArrayGrownPastTheLimitIsNotKept() {
        CborWriter large = CborWriter.lent(0);
        large.bytes(new byte[CborWriter.KEPT_BYTES], Integer.MAX_VALUE);
        byte[] grown = large.array();
        assertThat(large.toByteArray()).hasSize(CborWriter.KEPT_BYTES + 5);

        CborWriter next = CborWriter.lent(0);
        assertThat(next.array()).isNotSameAs(grown).hasSizeLessThanOrEqualTo(CborWriter.KEPT_BYTES);
    }
}
