package dev.erg.crypto;

import static dev.erg.crypto.Fixtures.ALICE;
import static dev.erg.crypto.Fixtures.BOB;
import static dev.erg.crypto.Fixtures.hex;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignaturesTest {

    private static final byte[] DATA = "handoff-give".getBytes(UTF_8);

    @Test
    void matchesRfc8032Test1() {
        VatIdentity signer = VatIdentity.fromSeed(Fixtures.RFC8032_SEED);
        byte[] expected = hex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

        assertThat(Signatures.rawPublicKey(signer.publicKey()))
                .isEqualTo(Fixtures.RFC8032_PUBLIC_KEY);
        assertThat(Signatures.sign(signer, new byte[0])).isEqualTo(expected);
        assertThat(Signatures.verify(Fixtures.RFC8032_PUBLIC_KEY, new byte[0], expected)).isTrue();
    }

    @Test
    void matchesRfc8032Test2() {
        VatIdentity signer = VatIdentity.fromSeed(
                hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
        byte[] expected = hex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

        assertThat(Signatures.rawPublicKey(signer.publicKey())).isEqualTo(
                hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));
        assertThat(Signatures.sign(signer, hex("72"))).isEqualTo(expected);
    }

    @Test
    void verifiesWithTheKeyObjectOrItsRawBytes() {
        byte[] signature = Signatures.sign(ALICE, DATA);

        assertThat(signature).hasSize(Signatures.SIGNATURE_LENGTH);
        assertThat(Signatures.verify(ALICE.publicKey(), DATA, signature)).isTrue();
        byte[] raw = Signatures.rawPublicKey(ALICE.publicKey());
        assertThat(Signatures.verify(raw, DATA, signature)).isTrue();
    }

    @Test
    void refusesAnotherSigner() {
        byte[] signature = Signatures.sign(ALICE, DATA);

        assertThat(Signatures.verify(BOB.publicKey(), DATA, signature)).isFalse();
    }

    @Test
    void refusesTamperedData() {
        byte[] signature = Signatures.sign(ALICE, DATA);
        byte[] tampered = DATA.clone();
        tampered[0] ^= 1;

        assertThat(Signatures.verify(ALICE.publicKey(), tampered, signature)).isFalse();
    }

    @Test
    void refusesATamperedSignature() {
        byte[] signature = Signatures.sign(ALICE, DATA);
        signature[40] ^= 0x10;

        assertThat(Signatures.verify(ALICE.publicKey(), DATA, signature)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 65, 128})
    void refusesAMalformedSignatureWithoutThrowing(int length) {
        byte[] signature = Arrays.copyOf(Signatures.sign(ALICE, DATA), length);

        assertThat(Signatures.verify(ALICE.publicKey(), DATA, signature)).isFalse();
    }

    @Test
    void refusesAMalformedRawKeyWithoutThrowing() {
        byte[] signature = Signatures.sign(ALICE, DATA);
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xff);

        assertThat(Signatures.verify(new byte[31], DATA, signature)).isFalse();
        assertThat(Signatures.verify(notAPoint, DATA, signature)).isFalse();
    }

    @Test
    void verifiesWhatTheJdkSigned() throws Exception {
        KeyPair jdk = KeyPairGenerator.getInstance("Ed25519", "SunEC").generateKeyPair();
        Signature signer = Signature.getInstance("Ed25519", "SunEC");
        signer.initSign(jdk.getPrivate());
        signer.update(DATA);

        assertThat(Signatures.verify(jdk.getPublic(), DATA, signer.sign())).isTrue();
    }

    @Test
    void rawKeysRoundTrip() {
        byte[] raw = Signatures.rawPublicKey(ALICE.publicKey());

        assertThat(raw).hasSize(Signatures.PUBLIC_KEY_LENGTH);
        assertThat(Signatures.rawPublicKey(Signatures.publicKey(raw))).isEqualTo(raw);
        assertThat(VatId.ofRawPublicKey(raw)).isEqualTo(ALICE.vatId());
    }

    @Test
    void refusesToDecodeARawKeyOfTheWrongLength() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Signatures.publicKey(new byte[33]))
                .withMessage("raw public key: expected 32 bytes, got 33");
    }

    @Test
    void refusesToDecodeARawKeyThatIsNotAPoint() {
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xff);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Signatures.publicKey(notAPoint))
                .withMessage("raw public key: not a valid Ed25519 public key");
    }

    @Test
    void refusesKeysOfAnotherType() {
        KeyPair ec = Fixtures.ecKeyPair();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Signatures.rawPublicKey(ec.getPublic()))
                .withMessage("public key: expected an Ed25519 key, got EC (1.2.840.10045.2.1)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Signatures.verify(ec.getPublic(), DATA, new byte[64]))
                .withMessage("public key: expected an Ed25519 key, got EC (1.2.840.10045.2.1)");
    }
}
