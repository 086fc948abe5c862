package dev.erg.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.crypto.SwissNumber;
import dev.erg.server.config.SetupException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SturdyStoreTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void everyChangeIsOnDiskAtOnce() throws Exception {
        Path file = dir.resolve("sturdy-refs");
        SturdyStore store = SturdyStore.create(file);
        SwissNumber a = SwissNumber.random(RANDOM);
        SwissNumber b = SwissNumber.random(RANDOM);
        store.add(new SturdyStore.Entry(a, "counter"));
        store.add(new SturdyStore.Entry(b, "greeter"));

        assertThat(SturdyStore.load(file).entries()).containsExactly(
                new SturdyStore.Entry(a, "counter"), new SturdyStore.Entry(b, "greeter"));
        assertThat(store.remove(a)).isEqualTo(new SturdyStore.Entry(a, "counter"));
        assertThat(store.remove(a)).isNull();
        assertThat(SturdyStore.load(file).entries()).containsExactly(new SturdyStore.Entry(b, "greeter"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aDamagedLineIsNamedWithoutItsSecret() throws Exception {
        Path file = dir.resolve("sturdy-refs");
        String swiss = SwissNumber.random(RANDOM).text();
        Files.writeString(file, "# header\n" + swiss + " counter\n" + swiss.substring(0, 40) + "!!! counter\n");
        assertThatThrownBy(() -> SturdyStore.load(file))
                .isInstanceOf(SetupException.class)
                .hasMessageStartingWith(file + " line 3: swiss number: ")
                .hasMessageNotContaining(swiss.substring(0, 40));
        Files.writeString(file, swiss + "\n");
        assertThatThrownBy(() -> SturdyStore.load(file))
                .hasMessage(file + " line 1: expected `<swiss number> <service> [revocable]`");
        Files.writeString(file, swiss + " counter revokable\n");
        assertThatThrownBy(() -> SturdyStore.load(file))
                .hasMessage(file + " line 1: expected `<swiss number> <service> [revocable]`");
    }

    @Test
    void aRevocableRefKeepsItsMarkAcrossALoad() throws Exception {
        Path file = dir.resolve("sturdy-refs");
        SturdyStore store = SturdyStore.create(file);
        SwissNumber plain = SwissNumber.random(RANDOM);
        SwissNumber revocable = SwissNumber.random(RANDOM);
        store.add(new SturdyStore.Entry(plain, "counter"));
        store.add(new SturdyStore.Entry(revocable, "counter", true));

        SturdyStore loaded = SturdyStore.load(file);
        assertThat(loaded.entries()).containsExactly(
                new SturdyStore.Entry(plain, "counter", false), new SturdyStore.Entry(revocable, "counter", true));
        assertThat(loaded.find(revocable)).contains(new SturdyStore.Entry(revocable, "counter", true));
        assertThat(loaded.find(SwissNumber.random(RANDOM))).isEmpty();
        assertThat(Files.readString(file)).contains(revocable.text() + " counter revocable\n", plain.text() + " counter\n");
    }

    @Test
    void aFailedWriteChangesNothing() throws Exception {
        Path file = dir.resolve("sturdy-refs");
        SturdyStore store = SturdyStore.create(file);
        SwissNumber a = SwissNumber.random(RANDOM);
        store.add(new SturdyStore.Entry(a, "counter"));
        // A non-empty directory where the file was: the rename over it fails, whoever runs the test.
        Files.delete(file);
        Files.createDirectories(file.resolve("in-the-way"));

        assertThatThrownBy(() -> store.add(new SturdyStore.Entry(SwissNumber.random(RANDOM), "counter")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot write " + file);
        assertThatThrownBy(() -> store.remove(a)).isInstanceOf(UncheckedIOException.class);
        assertThat(store.entries()).containsExactly(new SturdyStore.Entry(a, "counter"));
        try (var left = Files.list(dir)) {
            assertThat(left).as("no temporary file is left").containsExactly(file);
        }
    }
}
