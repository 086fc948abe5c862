package dev.erg.confine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void defaultsAndWithers() {
        Limits limits = Limits.defaults().withMessages(5, 6).withStorageBytes(7).withComputrons(8, 9);
        assertThat(limits).isEqualTo(new Limits(8, 9, 5, 6, 7));
        assertThat(new Limits(1, 2)).isEqualTo(new Limits(1, 2, Limits.DEFAULT_MESSAGES_PER_TURN,
                Limits.DEFAULT_PENDING_MESSAGES, Limits.DEFAULT_STORAGE_BYTES));
    }

    @Test
    void refusesLimitsThatAllowNothing() {
        assertThatThrownBy(() -> new Limits(0, 1)).hasMessageContaining("computron limits must be positive");
        assertThatThrownBy(() -> Limits.defaults().withMessages(0, 1)).hasMessageContaining("message limits");
        assertThatThrownBy(() -> Limits.defaults().withMessages(1, -1)).hasMessageContaining("message limits");
        assertThatThrownBy(() -> Limits.defaults().withStorageBytes(-1)).hasMessageContaining("storage quota");
        assertThat(Limits.defaults().withStorageBytes(0).storageBytes()).isZero();
    }
}
