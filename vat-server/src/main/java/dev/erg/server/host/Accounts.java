package dev.erg.server.host;

import dev.erg.server.placement.Migration;
import dev.erg.server.placement.PriceCurve;
import dev.erg.server.placement.ServerView;
import dev.erg.server.placement.VatView;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The balances of agoric rebalancing, kept by the member that rebalances. Each vat is funded
 * with its service's budget, credits per turn it runs ({@code cluster.budget}), and pays for
 * each turn its server's price by the public curve at that server's load; what is left
 * accrues, up to {@value #CAP_SECONDS} seconds of funding, and pays for the moves it bids
 * for. A vat first seen starts with {@value #START_SECONDS} seconds of funding. The balances
 * live in this member's memory: a member that takes over rebalancing starts them afresh.
 */
final class Accounts {

    static final double START_SECONDS = 60;
    static final double CAP_SECONDS = 300;

    private final PriceCurve prices;
    private final ToDoubleFunction<String> budgetPerTurn;
    private final Map<String, Double> balances = new HashMap<>();
    private Optional<Instant> settled = Optional.empty();

    /** Accounts priced by {@code prices}, each vat funded by {@code budgetPerTurn} of its service. */
    Accounts(PriceCurve prices, ToDoubleFunction<String> budgetPerTurn) {
        this.prices = prices;
        this.budgetPerTurn = budgetPerTurn;
    }

    /**
     * Funds and charges every vat of {@code vats} for the time since the last settlement, at
     * its load and its server's price among {@code servers}, and answers the vats with their
     * budgets (credits per second) and balances; vats no longer placed are forgotten.
     */
    List<VatView> settle(Instant now, List<ServerView> servers, List<VatView> vats) {
        double seconds = settled.map(last -> Math.max(0, Duration.between(last, now).toNanos() / 1e9)).orElse(0.0);
        settled = Optional.of(now);
        Map<String, Double> utilisation = new HashMap<>();
        servers.forEach(s -> utilisation.put(s.id(), s.utilisation()));
        Map<String, Double> kept = new HashMap<>();
        List<VatView> funded = vats.stream().map(v -> {
            double budget = budgetPerTurn.applyAsDouble(v.kind()) * v.load();
            double cost = prices.price(utilisation.getOrDefault(v.server(), 0.0)) * v.load();
            Double before = balances.get(v.id());
            double balance = before == null ? budget * START_SECONDS : before + (budget - cost) * seconds;
            // Funding stops at the cap; a balance above it (the vat's load fell) is kept, not taken.
            balance = Math.clamp(balance, 0, Math.max(budget * CAP_SECONDS, before == null ? 0 : before));
            kept.put(v.id(), balance);
            return new VatView(v.id(), v.kind(), v.load(), budget, balance, v.server());
        }).toList();
        balances.clear();
        balances.putAll(kept);
        return funded;
    }

    /** Takes the fee of {@code move} from its vat's balance. */
    void pay(Migration move) {
        balances.computeIfPresent(move.vat(), (vat, balance) -> Math.max(0, balance - move.fee()));
    }

    /** The balance of {@code vat}, if it has an account. */
    Optional<Double> balance(String vat) {
        return Optional.ofNullable(balances.get(vat));
    }
}
