package dev.erg.crypto;

import static dev.erg.crypto.Fixtures.ALICE;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    /** One encrypted file shared by the tests that read it: each encryption costs 0.3 s. */
    @TempDir
    static Path shared;
    static Path encrypted;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeEncryptedFile() throws Exception {
        encrypted = shared.resolve("encrypted.pem");
        ALICE.save(encrypted, PASSPHRASE.clone());
    }

    @Test
    void roundTripsWithoutPassphrase() throws Exception {
        Path file = dir.resolve("vat.pem");

        ALICE.save(file, null);
        VatIdentity loaded = VatIdentity.load(file, null);

        assertThat(Files.readString(file, US_ASCII)).startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("-----END PRIVATE KEY-----\n");
        assertThat(loaded.vatId()).isEqualTo(ALICE.vatId());
        byte[] data = {7};
        assertThat(Signatures.verify(ALICE.publicKey(), data, loaded.sign(data))).isTrue();
    }

    @Test
    void roundTripsWithPassphrase() throws Exception {
        VatIdentity loaded = VatIdentity.load(encrypted, PASSPHRASE.clone());

        assertThat(Files.readString(encrypted, US_ASCII))
                .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n");
        assertThat(loaded.vatId()).isEqualTo(ALICE.vatId());
    }

    @Test
    void readsTheFormatOpenSslWrites() throws Exception {
        // What `openssl genpkey -algorithm ed25519` writes, holding the RFC 8032 test 1 seed.
        Path file = write("-----BEGIN PRIVATE KEY-----\n"
                + "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
                + "-----END PRIVATE KEY-----\n");

        assertThat(VatIdentity.load(file, null).vatId()).hasToString(Fixtures.RFC8032_VAT_ID);
    }

    @Test
    void readsAVersion2KeyThatCarriesItsPublicKey() throws Exception {
        PrivateKeyInfo withPublicKey = new PrivateKeyInfo(
                new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                new DEROctetString(Fixtures.RFC8032_SEED), null, Fixtures.RFC8032_PUBLIC_KEY);
        Path file = write(Pem.encode("PRIVATE KEY", withPublicKey.getEncoded()));

        assertThat(VatIdentity.load(file, null).vatId()).hasToString(Fixtures.RFC8032_VAT_ID);
    }

    @Test
    void ignoresAPassphraseTheFileDoesNotNeed() throws Exception {
        Path file = dir.resolve("vat.pem");
        ALICE.save(file, null);

        assertThat(VatIdentity.load(file, "unused".toCharArray()).vatId()).isEqualTo(ALICE.vatId());
    }

    @Test
    void isCreatedReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("vat.pem");

        ALICE.save(file, null);

        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void replacesAnExistingFileWithAnOwnerOnlyOne() throws Exception {
        Path file = dir.resolve("vat.pem");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        Fixtures.BOB.save(file, null);

        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(VatIdentity.load(file, null).vatId()).isEqualTo(Fixtures.BOB.vatId());
    }

    @Test
    void leavesNoTemporaryFileBehind() throws Exception {
        ALICE.save(dir.resolve("vat.pem"), null);

        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("vat.pem"));
        }
    }

    @Test
    void refusesAnEmptyPassphrase() {
        Path file = dir.resolve("vat.pem");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ALICE.save(file, new char[0]))
                .withMessage("passphrase: empty; pass null to write an unencrypted key file");
        assertThat(file).doesNotExist();
    }

    @Test
    void refusesAWrongPassphrase() {
        assertRefused(encrypted, "not the passphrase".toCharArray(),
                KeyFileException.Reason.WRONG_PASSPHRASE, "wrong passphrase");
    }

    @Test
    void refusesAnEncryptedFileWithoutPassphrase() {
        assertRefused(encrypted, null, KeyFileException.Reason.PASSPHRASE_REQUIRED,
                "the key is encrypted and no passphrase was given");
    }

    @Test
    void refusesAnEmptyFile() throws Exception {
        assertRefused(write(""), null, KeyFileException.Reason.EMPTY, "empty");
    }

    @Test
    void refusesTextThatIsNotPem() throws Exception {
        assertRefused(write("vat key goes here\n"), null, KeyFileException.Reason.NOT_PEM,
                "not PEM (no '-----BEGIN ' line)");
    }

    @Test
    void refusesBinaryJunk() throws Exception {
        Path file = dir.resolve("vat.pem");
        Files.write(file, new byte[] {0x30, (byte) 0x82, 0x01, (byte) 0xff, 0});

        assertRefused(file, null, KeyFileException.Reason.NOT_PEM,
                "not PEM (no '-----BEGIN ' line)");
    }

    @Test
    void refusesAFileCutInTheBody() throws Exception {
        Path file = dir.resolve("vat.pem");
        ALICE.save(file, null);
        String whole = Files.readString(file, US_ASCII);
        Files.writeString(file, whole.substring(0, whole.length() / 2), US_ASCII);

        assertRefused(file, null, KeyFileException.Reason.TRUNCATED,
                "truncated (no '-----END PRIVATE KEY-----' line)");
    }

    @Test
    void refusesAFileCutInTheBeginLine() throws Exception {
        assertRefused(write("-----BEGIN PRIV"), null, KeyFileException.Reason.TRUNCATED,
                "truncated (line 1 '-----BEGIN PRIV' does not end with '-----')");
    }

    @Test
    void refusesBadBase64() throws Exception {
        Path file = write("-----BEGIN PRIVATE KEY-----\nMC4C*QAw\n-----END PRIVATE KEY-----\n");

        assertRefused(file, null, KeyFileException.Reason.MALFORMED,
                "bad base64 in the PRIVATE KEY block: Illegal base64 character 2a");
    }

    @Test
    void refusesABodyThatIsNotPkcs8() throws Exception {
        Path file = write(Pem.encode("PRIVATE KEY", new byte[] {0x04, 0x01, 0x00}));

        assertThatThrownBy(() -> VatIdentity.load(file, null))
                .isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.reason())
                        .isEqualTo(KeyFileException.Reason.MALFORMED))
                .hasMessageStartingWith("key file " + file + ": not a PKCS#8 private key: ");
    }

    @Test
    void refusesAForeignKeyInPkcs8() throws Exception {
        byte[] ecKey = Fixtures.ecKeyPair().getPrivate().getEncoded();
        Path file = write(Pem.encode("PRIVATE KEY", ecKey));

        assertRefused(file, null, KeyFileException.Reason.NOT_ED25519,
                "private key: expected an Ed25519 key, got EC (1.2.840.10045.2.1)");
    }

    @Test
    void refusesAForeignPemBlock() throws Exception {
        Path file = write("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----\n");

        assertRefused(file, null, KeyFileException.Reason.NOT_ED25519,
                "expected an Ed25519 private key, found a PEM 'RSA PRIVATE KEY' block");
    }

    @Test
    void refusesAnEd25519KeyOfTheWrongLength() throws Exception {
        PrivateKeyInfo shortKey = new PrivateKeyInfo(
                new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                new DEROctetString(new byte[31]));
        Path file = write(Pem.encode("PRIVATE KEY", shortKey.getEncoded()));

        assertRefused(file, null, KeyFileException.Reason.MALFORMED,
                "Ed25519 private key: expected 32 bytes, got 31");
    }

    @Test
    void refusesAHugeFileWithoutReadingIt() throws Exception {
        Path file = dir.resolve("vat.pem");
        Files.write(file, new byte[70_000]);

        assertRefused(file, null, KeyFileException.Reason.MALFORMED,
                "too large: 70000 bytes (expected: <= 65536)");
    }

    @Test
    void reportsAMissingFileAsSuch() {
        assertThatThrownBy(() -> VatIdentity.load(dir.resolve("absent.pem"), null))
                .isExactlyInstanceOf(NoSuchFileException.class);
    }

    private Path write(String content) throws Exception {
        Path file = dir.resolve("vat.pem");
        Files.writeString(file, content, US_ASCII);
        return file;
    }

    private static void assertRefused(Path file, char[] passphrase, KeyFileException.Reason reason,
            String detail) {
        assertThatThrownBy(() -> VatIdentity.load(file, passphrase))
                .isInstanceOfSatisfying(KeyFileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.file()).isEqualTo(file);
                })
                .hasMessage("key file " + file + ": " + detail);
    }
}
