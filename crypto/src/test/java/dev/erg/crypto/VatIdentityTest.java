package dev.erg.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VatIdentityTest {

    @Test
    void theSameRandomBytesGiveTheSameIdentity() {
        assertThat(Fixtures.identity(1).vatId()).isEqualTo(Fixtures.identity(1).vatId());
        assertThat(Fixtures.identity(1).vatId()).isNotEqualTo(Fixtures.identity(2).vatId());
    }

    @Test
    void theSeedIsTheFirst32RandomBytes() {
        byte[] seed = new byte[32];
        Fixtures.seededRandom(1).nextBytes(seed);

        assertThat(VatIdentity.fromSeed(seed).vatId()).isEqualTo(Fixtures.identity(1).vatId());
    }

    @Test
    void itsVatIdIsThatOfItsPublicKey() {
        VatIdentity identity = VatIdentity.fromSeed(Fixtures.RFC8032_SEED);

        assertThat(identity.vatId()).hasToString(Fixtures.RFC8032_VAT_ID);
        assertThat(identity.vatId().matches(identity.publicKey())).isTrue();
    }

    @Test
    void signsSoThatItsPublicKeyVerifies() {
        byte[] data = {1, 2, 3};

        byte[] signature = Fixtures.ALICE.sign(data);

        assertThat(Signatures.verify(Fixtures.ALICE.publicKey(), data, signature)).isTrue();
    }

    @Test
    void toStringShowsOnlyTheVatId() {
        assertThat(Fixtures.ALICE).hasToString("VatIdentity[" + Fixtures.ALICE.vatId() + "]");
    }
}
