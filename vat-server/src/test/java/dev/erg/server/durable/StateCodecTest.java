package dev.erg.server.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of the vat-server README for evolving a kind's state, each checked. */
class StateCodecTest {

    private final StateCodec codec = new StateCodec();

    record Old(long count, String note) {
    }

    record Added(long count, String note, String label, long limit) {
        Added {
            label = label == null ? "unlabelled" : label;
        }
    }

    record Removed(long count) {
    }

    record Renamed(long count, @JsonAlias("note") String remark) {
    }

    enum Colour { RED }

    record Nested(List<Old> olds, Map<String, Long> totals, Colour colour, byte[] raw) {
    }

    @Test
    void anAddedComponentReadsAsItsDefault() {
        Added added = codec.decode(codec.encode(new Old(3, "n")), Added.class);
        assertThat(added).isEqualTo(new Added(3, "n", "unlabelled", 0));
    }

    @Test
    void aRemovedComponentIsIgnored() {
        assertThat(codec.decode(codec.encode(new Old(3, "n")), Removed.class)).isEqualTo(new Removed(3));
    }

    @Test
    void aRenamedComponentReadsItsOldName() {
        assertThat(codec.decode(codec.encode(new Old(3, "n")), Renamed.class)).isEqualTo(new Renamed(3, "n"));
    }

    @Test
    void dataNestsAndComesBack() {
        Nested nested = new Nested(List.of(new Old(1, "a")), Map.of("x", 2L), Colour.RED, new byte[]{7});
        Nested back = codec.decode(codec.encode(nested), Nested.class);
        assertThat(back.olds()).isEqualTo(nested.olds());
        assertThat(back.totals()).isEqualTo(nested.totals());
        assertThat(back.colour()).isEqualTo(Colour.RED);
        assertThat(back.raw()).containsExactly(7);
    }

    @Test
    void anythingButDataIsRefused() {
        Runnable live = () -> { };
        assertThatThrownBy(() -> codec.encode(new Object[]{1L, live}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("durable state and letters hold data only");
        assertThatThrownBy(() -> codec.encode(List.of(new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot store a java.lang.Object");
    }

    @Test
    void stateOfAnIncompatibleShapeIsNamedWhenRead() {
        byte[] text = codec.encode(Map.of("count", "many"));
        assertThatThrownBy(() -> codec.decode(text, Old.class))
                .isInstanceOf(StoredDataException.class)
                .hasMessageStartingWith("cannot read a stored " + Old.class.getName());
    }
}
