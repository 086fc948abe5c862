package dev.erg.server.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PriceCurveTest {

    private final PriceCurve curve = new PriceCurve(2, 0.9);

    @Test
    void risesWithUtilisationAsTheDelayOfAnMM1Queue() {
        assertThat(curve.price(0)).isEqualTo(2);
        assertThat(curve.price(0.5)).isCloseTo(4, within(1e-12));
        assertThat(curve.price(0.8)).isCloseTo(10, within(1e-9));
    }

    @Test
    void stopsRisingAtTheCeiling() {
        assertThat(curve.price(0.95)).isEqualTo(curve.price(0.9));
        assertThat(curve.price(3)).isEqualTo(curve.price(0.9));
    }

    @Test
    void pricesAServerWithTheLoadThatWouldArrive() {
        ServerView server = new ServerView("s", 100, 30, curve.price(0.3), Membership.MEMBER);
        assertThat(curve.priceWith(server, 20)).isCloseTo(curve.price(0.5), within(1e-12));
    }

    @Test
    void refusesACeilingOutsideTheOpenUnitInterval() {
        assertThatThrownBy(() -> new PriceCurve(1, 1)).hasMessage("ceiling: 1.0 (expected: in (0, 1))");
        assertThatThrownBy(() -> new PriceCurve(0, 0.5)).hasMessage("base: 0.0 (expected: > 0 and finite)");
    }
}
