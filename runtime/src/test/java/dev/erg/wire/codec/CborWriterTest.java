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

    @Test
    void aLongByteStringIsHeldByReferenceAndJoinedWhereItBelongs() {
        java.util.Random random = new java.util.Random(0x5eedL);
        byte[] first = new byte[CborWriter.HELD_BYTES];
        byte[] second = new byte[3 * CborWriter.HELD_BYTES + 1];
        random.nextBytes(first);
        random.nextBytes(second);
        CborWriter held = CborWriter.lent(4);
        CborWriter copied = new CborWriter();
        copied.append(new byte[4], 0, 4);
        for (CborWriter w : new CborWriter[] {held, copied}) {
            w.head(Cbor.ARRAY, 3);
            w.bytes(first, Integer.MAX_VALUE, w == held);
            w.text("between", 100);
            w.bytes(second, Integer.MAX_VALUE, w == held);
            w.setInt(0, (int) w.length() - 4);
        }

        assertThat(held.size()).as("the array holds neither string").isLessThan(CborWriter.HELD_BYTES);
        assertThat(held.length()).isEqualTo(copied.length()).isEqualTo(copied.size());
        assertThat(held.toByteArray()).isEqualTo(copied.toByteArray());
    }

    @Test
    void aShortByteStringOrOneThatMayNotBeHeldIsCopiedIn() {
        CborWriter w = new CborWriter();
        w.bytes(new byte[CborWriter.HELD_BYTES - 1], Integer.MAX_VALUE, true);
        w.bytes(new byte[CborWriter.HELD_BYTES], Integer.MAX_VALUE, false);

        assertThat((long) w.size()).isEqualTo(w.length()).isEqualTo(2L * CborWriter.HELD_BYTES - 1 + 3 + 3);
    }
}
