package dev.erg.server.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.erg.server.placement.Membership;
import dev.erg.server.placement.Migration;
import dev.erg.server.placement.PriceCurve;
import dev.erg.server.placement.ServerView;
import dev.erg.server.placement.VatView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountsTest {

    private static final PriceCurve PRICES = new PriceCurve(1, 0.95);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Map<String, Double> BUDGETS = Map.of("cheap", 1.0, "rich", 4.0);

    private static ServerView server(String id, double load) {
        return new ServerView(id, 100, load, PRICES.price(load / 100), Membership.MEMBER);
    }

    private static VatView vat(String id, String service, double load, String server) {
        return new VatView(id, service, load, 0, 0, server);
    }

    private final Accounts accounts = new Accounts(PRICES, BUDGETS::get);

    @Test
    void aNewVatStartsWithAMinuteOfFundingAndThenPaysItsServersPricePerTurn() {
        List<ServerView> servers = List.of(server("a", 50), server("b", 0));
        VatView rich = vat("r", "rich", 10, "a");

        VatView first = accounts.settle(T0, servers, List.of(rich)).getFirst();
        assertThat(first.budget()).isEqualTo(40);
        assertThat(first.balance()).isEqualTo(40 * Accounts.START_SECONDS);

        // At half load a turn costs 2: the vat is funded 40 a second and pays 20.
        VatView later = accounts.settle(T0.plusSeconds(10), servers, List.of(rich)).getFirst();
        assertThat(later.balance()).isCloseTo(40 * Accounts.START_SECONDS + 200, within(1e-9));
    }

    @Test
    void aVatFundedBelowItsServersPriceRunsItsBalanceDownToNothingAndNoLower() {
        List<ServerView> servers = List.of(server("a", 50));
        VatView cheap = vat("c", "cheap", 10, "a");
        accounts.settle(T0, servers, List.of(cheap));

        // Funded 10 a second, it pays 20: 600 credits last 60 s.
        assertThat(accounts.settle(T0.plusSeconds(30), servers, List.of(cheap)).getFirst().balance())
                .isCloseTo(300, within(1e-9));
        assertThat(accounts.settle(T0.plusSeconds(120), servers, List.of(cheap)).getFirst().balance()).isZero();
    }

    @Test
    void fundingStopsAtTheCapButABalanceAboveAFallenCapIsKept() {
        List<ServerView> servers = List.of(server("b", 0));
        accounts.settle(T0, servers, List.of(vat("r", "rich", 10, "b")));
        double cap = 40 * Accounts.CAP_SECONDS;
        assertThat(accounts.settle(T0.plusSeconds(3_600), servers, List.of(vat("r", "rich", 10, "b"))).getFirst().balance())
                .isEqualTo(cap);
        assertThat(accounts.settle(T0.plusSeconds(3_610), servers, List.of(vat("r", "rich", 1, "b"))).getFirst().balance())
                .as("its load fell to a tenth: the cap with it, not the balance").isEqualTo(cap);
    }

    @Test
    void aMovePaysItsFeeAndAVatNoLongerPlacedIsForgotten() {
        List<ServerView> servers = List.of(server("a", 50), server("b", 0));
        accounts.settle(T0, servers, List.of(vat("r", "rich", 10, "a"), vat("c", "cheap", 10, "a")));

        accounts.pay(new Migration("r", "a", "b", 150));
        assertThat(accounts.balance("r")).hasValue(40 * Accounts.START_SECONDS - 150);
        accounts.pay(new Migration("c", "a", "b", 1e9));
        assertThat(accounts.balance("c")).hasValue(0.0);

        accounts.settle(T0.plusSeconds(1), servers, List.of(vat("r", "rich", 10, "b")));
        assertThat(accounts.balance("c")).isEmpty();
    }
}
