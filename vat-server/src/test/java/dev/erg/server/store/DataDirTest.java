package dev.erg.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.crypto.VatIdentity;
import dev.erg.server.Snapshot;
import dev.erg.server.config.ConfigFile;
import dev.erg.server.config.SetupException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {

    private static final List<String> MAKERS = List.of("counter");
    private static final String CONFIG = ConfigFile.defaults(InetSocketAddress.createUnresolved("127.0.0.1", 0),
            Map.of("counter", "counter"), MAKERS);

    @TempDir
    Path tmp;

    @Test
    void initMakesAWholeDirectoryWhoseSecretsOnlyTheOwnerReads() throws Exception {
        Path dir = tmp.resolve("data");
        DataDir made = DataDir.init(dir, CONFIG, null);

        DataDir opened = DataDir.open(dir);
        assertThat(opened.vatId()).isEqualTo(made.vatId());
        assertThat(opened.identity(null).vatId()).isEqualTo(made.vatId());
        assertThat(opened.config(MAKERS).services()).hasSize(1);
        assertThat(opened.sturdyRefs().entries()).isEmpty();
        for (String secret : List.of("identity.pem", "sturdy-refs")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(secret))))
                    .as(secret).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (var stray = Files.list(tmp)) {
            assertThat(stray).as("no staging directory is left").containsExactly(dir);
        }
    }

    @Test
    void initFillsAnEmptyDirectory() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("empty"));
        DataDir.init(dir, CONFIG, null);
        assertThat(DataDir.open(dir).vatId()).isNotNull();
    }

    @Test
    void initNeverOverwrites() throws Exception {
        Path dir = tmp.resolve("data");
        DataDir.init(dir, CONFIG, null);
        Snapshot before = Snapshot.of(dir);

        assertThatThrownBy(() -> DataDir.init(dir, CONFIG, null))
                .isInstanceOf(SetupException.class)
                .hasMessage(dir + " already exists and is not empty; init never overwrites a data directory,"
                        + " so give it a new or empty one");
        assertThat(Snapshot.of(dir)).isEqualTo(before);

        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> DataDir.init(file, CONFIG, null))
                .hasMessage(file + " exists and is not a directory; give init a new path");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path dir = tmp.resolve("nowhere");
        assertThatThrownBy(() -> DataDir.open(dir))
                .hasMessage("there is no data directory at " + dir + "; make one with `vat-server init " + dir + "`");
    }

    @Test
    void aForeignDirectoryIsRefusedAndLeftAlone() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        Snapshot before = Snapshot.of(tmp);
        assertThatThrownBy(() -> DataDir.open(tmp))
                .hasMessage(tmp + " is not a vat-server data directory (it has no FORMAT file);"
                        + " point --data at one made by `vat-server init`");
        assertThat(Snapshot.of(tmp)).isEqualTo(before);
        assertThatThrownBy(() -> DataDir.open(Files.createDirectory(tmp.resolve("void"))))
                .hasMessageContaining("is empty; make a data directory there with `vat-server init");
    }

    @Test
    void aDirectoryOfAnotherFormatIsRefused() throws Exception {
        Path dir = tmp.resolve("data");
        DataDir.init(dir, CONFIG, null);
        Files.writeString(dir.resolve("FORMAT"), "some other program's data, format 7\n");
        assertThatThrownBy(() -> DataDir.open(dir))
                .hasMessage(dir + " is not a data directory this server can read: its FORMAT file says"
                        + " \"some other program's data, format 7\", expected \"erg vat-server data directory, format 1\"");
    }

    @Test
    void anIncompleteDirectoryNamesWhatIsMissing() throws Exception {
        Path dir = tmp.resolve("data");
        DataDir.init(dir, CONFIG, null);
        Files.delete(dir.resolve("identity.pem"));
        assertThatThrownBy(() -> DataDir.open(dir))
                .hasMessage("data directory " + dir + " is incomplete: identity.pem is missing;"
                        + " restore it from a backup, or make a new directory with `vat-server init`");
    }

    @Test
    void aTruncatedKeyFileIsOneLine() throws Exception {
        Path dir = tmp.resolve("data");
        DataDir.init(dir, CONFIG, null);
        Path key = dir.resolve("identity.pem");
        String pem = Files.readString(key);
        Files.writeString(key, pem.substring(0, pem.length() / 2));
        Snapshot before = Snapshot.of(dir);

        assertThatThrownBy(() -> DataDir.open(dir).identity(null))
                .isInstanceOf(SetupException.class)
                .hasMessageStartingWith("key file " + key + ": ")
                .hasMessageEndingWith("; restore it from a backup")
                .hasMessageNotContaining("\n");
        assertThat(Snapshot.of(dir)).isEqualTo(before);
    }

    @Test
    void anEncryptedKeyNeedsItsPassphrase() throws Exception {
        Path dir = tmp.resolve("data");
        DataDir made = DataDir.init(dir, CONFIG, "correct horse".toCharArray());
        DataDir opened = DataDir.open(dir);

        assertThat(opened.identity("correct horse".toCharArray()).vatId()).isEqualTo(made.vatId());
        assertThatThrownBy(() -> opened.identity("battery staple".toCharArray()))
                .hasMessage("key file " + dir.resolve("identity.pem") + ": wrong passphrase; give the passphrase in the"
                        + " environment variable ERG_PASSPHRASE or with --passphrase-file");
        assertThatThrownBy(() -> opened.identity(null))
                .hasMessageStartingWith("key file " + dir.resolve("identity.pem") + ": the key is encrypted and no passphrase"
                        + " was given; give the passphrase");
    }

    @Test
    void aKeyFromAnotherServerIsRefused() throws Exception {
        Path dir = tmp.resolve("data");
        DataDir made = DataDir.init(dir, CONFIG, null);
        VatIdentity stranger = VatIdentity.generate(new SecureRandom());
        stranger.save(dir.resolve("identity.pem"), null);

        assertThatThrownBy(() -> DataDir.open(dir).identity(null))
                .hasMessage(dir.resolve("identity.pem") + " holds the key of vat " + stranger.vatId() + ", but vat-id names vat "
                        + made.vatId() + ": the directory mixes the files of two servers");
    }

    @Test
    void aDamagedVatIdIsNamed() throws Exception {
        Path dir = tmp.resolve("data");
        DataDir.init(dir, CONFIG, null);
        Files.writeString(dir.resolve("vat-id"), "not a vat id\n");
        assertThatThrownBy(() -> DataDir.open(dir))
                .hasMessageStartingWith(dir.resolve("vat-id") + " is damaged: ");
    }

    @Test
    void aLockIsHeldOnceAtATime() throws Exception {
        DataDir dir = DataDir.init(tmp.resolve("data"), CONFIG, null);
        DirLock held = dir.tryLock().orElseThrow();
        assertThat(dir.tryLock()).isEmpty();
        held.close();
        try (DirLock again = dir.tryLock().orElseThrow()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void theLockFileHoldsTheHoldersPidAndKeepsOneLeftByAHolderThatDidNotLetGo() throws Exception {
        DataDir dir = DataDir.init(tmp.resolve("data"), CONFIG, null);
        Path file = dir.root().resolve("server.lock");
        long pid = ProcessHandle.current().pid();
        assertThat(dir.lockState()).isEqualTo(new LockState.Free(OptionalLong.empty()));

        DirLock held = dir.tryLock().orElseThrow();
        assertThat(held.stalePid()).isEmpty();
        assertThat(file).hasContent(pid + "\n");
        assertThat(dir.lockState()).isEqualTo(new LockState.Held(OptionalLong.of(pid)));
        held.close();
        assertThat(file).isEmptyFile();
        assertThat(dir.lockState()).isEqualTo(new LockState.Free(OptionalLong.empty()));

        // What a killed holder leaves: its pid, and a lock the operating system released.
        Files.writeString(file, "4194999\n");
        assertThat(dir.lockState()).isEqualTo(new LockState.Free(OptionalLong.of(4194999)));
        assertThat(file).as("probing changes nothing").hasContent("4194999\n");
        try (DirLock taken = dir.tryLock().orElseThrow()) {
            assertThat(taken.stalePid()).hasValue(4194999);
            assertThat(file).hasContent(pid + "\n");
        }

        for (String junk : List.of("", "0\n", "-5\n", "12 34\n", "9".repeat(40))) {
            Files.writeString(file, junk);
            assertThat(dir.lockState()).as("%s", junk).isEqualTo(new LockState.Free(OptionalLong.empty()));
        }
    }
}
