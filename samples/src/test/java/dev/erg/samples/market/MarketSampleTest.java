package dev.erg.samples.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MarketSampleTest {

    @Test
    void theBuyerPaysTheSellerWithAPurseHandedOffFromTheBank() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean sold = MarketSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String story = bytes.toString(StandardCharsets.UTF_8);

        assertThat(sold).as(story).isTrue();
        assertThat(story).contains(
                "buyer: my purse holds 100",
                "buyer: receipt: sold a book for 30; the till holds 30",
                "buyer: my purse holds 70",
                "buyer: the payment purse holds 0");
    }
}
