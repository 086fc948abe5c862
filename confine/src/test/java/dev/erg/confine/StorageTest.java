package dev.erg.confine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.vat.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageTest {

    private static final long ENTRY = Storage.ENTRY_BYTES;

    @Test
    void countsKeysAndValuesInUtf8AndAnOverheadPerEntry() {
        Storage storage = Storage.inMemory(1_000);
        storage.put("a", "héllo");
        storage.put("b", "");
        assertThat(storage.used()).isEqualTo(1 + 6 + ENTRY + 1 + ENTRY);
        assertThat(storage.keys()).containsExactly("a", "b");
        storage.put("a", "x");
        assertThat(storage.used()).isEqualTo(1 + 1 + ENTRY + 1 + ENTRY);
        assertThat(storage.remove("a")).isTrue();
        assertThat(storage.remove("a")).isFalse();
        assertThat(storage.used()).isEqualTo(1 + ENTRY);
        assertThat(storage.get("a")).isNull();
    }

    @Test
    void aWriteBeyondTheQuotaFailsAndChangesNothing() {
        Storage storage = Storage.inMemory(2 * ENTRY + 10);
        storage.put("a", "12345678");
        assertThatThrownBy(() -> storage.put("b", "1"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().kind()).isEqualTo(Storage.FULL);
                    assertThat(e.problem().message()).contains("beyond its quota of " + (2 * ENTRY + 10));
                });
        assertThat(storage.keys()).containsExactly("a");
        assertThat(storage.used()).isEqualTo(9 + ENTRY);
        // Replacing a value counts only the difference.
        storage.put("a", "1234567890");
        assertThatThrownBy(() -> storage.put("a", "12345678901234567890".repeat(3))).isInstanceOf(ProblemException.class);
        assertThat(storage.get("a")).isEqualTo("1234567890");
    }

    @Test
    void refusesBadKeysAndNullsAndNegativeQuotas() {
        Storage storage = Storage.inMemory(10_000);
        assertThatThrownBy(() -> storage.put("", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.put("k".repeat(Storage.MAX_KEY_CHARS + 1), "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.put("k", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Storage.inMemory(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(storage.keys()).isEqualTo(List.of());
    }
}
