package dev.erg.server.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.confine.Bundle;
import dev.erg.vat.VatRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles kept on disk: read back, checked and verified at opening; the least recently used forgotten first. */
class BundleStoreTest {

    private static final long ROOM = 1 << 20;

    @TempDir
    Path dir;

    private final VatRuntime runtime = VatRuntime.create();
    private final BundleRunner verifier = ConfinedBundles.of(runtime, RootMakers.load(), new ConfinedVats());

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void aBundleKeptIsThereAgainWhenTheStoreIsOpenedAgain() throws Exception {
        byte[] jar = Plugins.tally();
        Bundle bundle = Bundle.ofJar(jar);
        BundleStore store = BundleStore.open(dir, ROOM, verifier);
        store.put(bundle, jar);
        assertThat(dir.resolve(bundle.hash() + ".jar")).hasBinaryContent(jar);

        BundleStore reopened = BundleStore.open(dir, ROOM, verifier);
        assertThat(reopened.get(bundle.hash())).hasValueSatisfying(kept -> {
            assertThat(kept.jar()).isEqualTo(jar);
            assertThat(kept.bundle().entry()).isEqualTo(Plugins.ENTRY);
        });
        assertThat(reopened.bytes()).isEqualTo(jar.length);
    }

    @Test
    void aFileWhoseContentIsNotItsNameOrBreaksTheRulesIsIgnored() throws Exception {
        byte[] tally = Plugins.tally();
        byte[] looping = Plugins.looping();
        String loopingHash = Bundle.ofJar(looping).hash();
        // The content of one bundle under the name of another: never run.
        Files.write(dir.resolve(loopingHash + ".jar"), tally);
        byte[] rogue = Plugins.rogue(1);
        String rogueHash = Bundle.ofJar(rogue).hash();
        Files.write(dir.resolve(rogueHash + ".jar"), rogue);
        Files.write(dir.resolve("notes.txt"), new byte[] {1});

        BundleStore store = BundleStore.open(dir, ROOM, verifier);

        assertThat(store.get(loopingHash)).isEmpty();
        assertThat(store.get(rogueHash)).isEmpty();
        assertThat(store.hashes()).isEmpty();
        assertThat(store.bytes()).isZero();
    }

    @Test
    void theLeastRecentlyUsedAreForgottenToMakeRoom() throws Exception {
        byte[] tally = Plugins.tally();
        byte[] looping = Plugins.looping();
        Bundle first = Bundle.ofJar(tally);
        Bundle second = Bundle.ofJar(looping);
        BundleStore store = BundleStore.open(dir, Math.max(tally.length, looping.length) + 10, verifier);
        store.put(first, tally);
        store.put(second, looping);

        assertThat(store.hashes()).containsExactly(second.hash());
        assertThat(dir.resolve(first.hash() + ".jar")).doesNotExist();
        assertThat(store.fits(Math.max(tally.length, looping.length) + 11)).isFalse();
        assertThatThrownBy(() -> BundleStore.inMemory(10).put(first, tally))
                .hasMessage("a bundle of " + tally.length + " bytes is larger than the 10 bytes of bundles kept");
    }

    @Test
    void useOrdersWhatIsForgottenAndIsRememberedAcrossOpenings() throws Exception {
        byte[] tally = Plugins.tally();
        byte[] looping = Plugins.looping();
        Bundle first = Bundle.ofJar(tally);
        Bundle second = Bundle.ofJar(looping);
        BundleStore store = BundleStore.open(dir, ROOM, verifier);
        store.put(first, tally);
        store.put(second, looping);
        Files.setLastModifiedTime(dir.resolve(first.hash() + ".jar"), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(dir.resolve(second.hash() + ".jar"), FileTime.fromMillis(2_000_000));
        assertThat(BundleStore.open(dir, ROOM, verifier).hashes()).containsExactly(first.hash(), second.hash());

        BundleStore reopened = BundleStore.open(dir, ROOM, verifier);
        assertThat(reopened.get(first.hash())).isPresent();
        assertThat(reopened.hashes()).containsExactly(second.hash(), first.hash());
        assertThat(BundleStore.open(dir, ROOM, verifier).hashes()).as("the use touched the file")
                .containsExactly(second.hash(), first.hash());
        // Opened with room for one, the most recently used is kept.
        assertThat(BundleStore.open(dir, Math.max(tally.length, looping.length), verifier).hashes())
                .containsExactly(first.hash());
    }
}
