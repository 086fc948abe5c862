package dev.erg.crypto;

import static dev.erg.crypto.Fixtures.ALICE;
import static dev.erg.crypto.Fixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VatIdTest {

    @Test
    void isTheSha256OfTheSubjectPublicKeyInfoInBase32() {
        VatId id = VatId.ofRawPublicKey(Fixtures.RFC8032_PUBLIC_KEY);

        assertThat(id).hasToString(Fixtures.RFC8032_VAT_ID);
        assertThat(VatId.of(Signatures.publicKey(Fixtures.RFC8032_PUBLIC_KEY))).isEqualTo(id);
    }

    @Test
    void isTheSameForAKeyFromTheJdk() throws Exception {
        KeyPair jdk = KeyPairGenerator.getInstance("Ed25519", "SunEC").generateKeyPair();

        VatId id = VatId.of(jdk.getPublic());

        assertThat(id.bytes()).isEqualTo(
                MessageDigest.getInstance("SHA-256").digest(jdk.getPublic().getEncoded()));
        assertThat(VatId.ofRawPublicKey(Signatures.rawPublicKey(jdk.getPublic()))).isEqualTo(id);
    }

    @Test
    void parsesItsTextInEitherCase() {
        VatId id = ALICE.vatId();
        String text = id.toString();

        assertThat(text).hasSize(VatId.TEXT_LENGTH).isLowerCase();
        assertThat(VatId.parse(text)).isEqualTo(id);
        assertThat(VatId.parse(text.toUpperCase())).isEqualTo(id).hasToString(text);
    }

    @Test
    void roundTripsThroughBytes() {
        VatId id = ALICE.vatId();

        assertThat(id.bytes()).hasSize(VatId.LENGTH);
        assertThat(VatId.fromBytes(id.bytes())).isEqualTo(id).hasSameHashCodeAs(id);
    }

    @Test
    void bytesAreACopy() {
        VatId id = ALICE.vatId();
        byte[] bytes = id.bytes();
        Arrays.fill(bytes, (byte) 0);

        assertThat(id.bytes()).isNotEqualTo(bytes);
        assertThat(id).isEqualTo(VatId.parse(id.toString()));
    }

    @Test
    void differsBetweenKeys() {
        assertThat(ALICE.vatId()).isNotEqualTo(BOB.vatId());
        assertThat(ALICE.vatId().matches(ALICE.publicKey())).isTrue();
        assertThat(ALICE.vatId().matches(BOB.publicKey())).isFalse();
        assertThat(ALICE.vatId().matches(Fixtures.ecKeyPair().getPublic())).isFalse();
    }

    @Test
    void ordersByUnsignedBytes() {
        byte[] low = new byte[VatId.LENGTH];
        byte[] high = new byte[VatId.LENGTH];
        high[0] = (byte) 0x80;

        assertThat(VatId.fromBytes(low)).isLessThan(VatId.fromBytes(high));
    }

    @Test
    void refusesAKeyOfAnotherType() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> VatId.of(Fixtures.ecKeyPair().getPublic()))
                .withMessage("public key: expected an Ed25519 key, got EC (1.2.840.10045.2.1)");
    }

    @Test
    void refusesARawKeyOfTheWrongLength() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> VatId.ofRawPublicKey(new byte[31]))
                .withMessage("raw public key: expected 32 bytes, got 31");
    }

    @Test
    void refusesBytesOfTheWrongLength() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> VatId.fromBytes(new byte[33]))
                .withMessage("vat id: expected 32 bytes, got 33");
    }

    @ParameterizedTest
    @CsvSource({"abcdefghijkl,12", "'',0"})
    void refusesTextOfTheWrongLength(String text, int length) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> VatId.parse(text))
                .withMessage("vat id: expected 52 characters, got " + length);
    }

    @Test
    void refusesATextOneCharacterTooLong() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> VatId.parse(Fixtures.RFC8032_VAT_ID + "a"))
                .withMessage("vat id: expected 52 characters, got 53");
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '"', value = {"5,1,'1'", "0,8,'8'", "20,=,'='", "51,\" \",U+0020",
            "7,\u00e9,U+00E9"})
    void refusesABadCharacterAndSaysWhere(int index, char bad, String quoted) {
        StringBuilder text = new StringBuilder(Fixtures.RFC8032_VAT_ID);
        text.setCharAt(index, bad);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> VatId.parse(text.toString()))
                .withMessage("vat id: bad character " + quoted + " at index " + index
                        + " (expected a-z or 2-7)");
    }

    @Test
    void refusesANonCanonicalLastCharacter() {
        // The last character carries one bit of the hash and four padding bits.
        String text = Fixtures.RFC8032_VAT_ID.substring(0, 51) + "r";

        assertThatIllegalArgumentException()
                .isThrownBy(() -> VatId.parse(text))
                .withMessage("vat id: last character 'r' at index 51 has non-zero padding bits");
    }
}
