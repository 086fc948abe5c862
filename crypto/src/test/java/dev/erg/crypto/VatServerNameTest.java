package dev.erg.crypto;

import static dev.erg.crypto.Fixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import org.junit.jupiter.api.Test;

class VatServerNameTest {

    @Test
    void namesTheVatIdFollowedByTheSuffix() {
        SNIHostName name = VatServerName.of(ALICE.vatId());

        assertThat(name.getAsciiName()).isEqualTo(ALICE.vatId() + ".vat.erg");
        assertThat(VatServerName.vatOf(name)).contains(ALICE.vatId());
    }

    @Test
    void readsANameInAnyCase() {
        SNIHostName upper = new SNIHostName((ALICE.vatId() + ".VAT.ERG").toUpperCase());

        assertThat(VatServerName.vatOf(upper)).contains(ALICE.vatId());
    }

    @Test
    void findsNoVatInOtherNames() {
        String text = ALICE.vatId().toString();
        assertThat(VatServerName.vatOf(new SNIHostName("example.com"))).isEmpty();
        assertThat(VatServerName.vatOf(new SNIHostName(text + ".vat.example"))).isEmpty();
        assertThat(VatServerName.vatOf(new SNIHostName("x" + text.substring(1, 51) + "b.vat.erg"))).isEmpty();
        assertThat(VatServerName.vatOf(new SNIHostName(text.substring(1) + ".vat.erg"))).isEmpty();
        assertThat(VatServerName.vatOf(new SNIServerName(7, text.getBytes(StandardCharsets.US_ASCII)) { })).isEmpty();
        assertThat(VatServerName.vatIn(null)).isEmpty();
        assertThat(VatServerName.vatIn(List.of())).isEmpty();
    }
}
