package dev.erg.server.placement;

import java.util.Objects;

/**
 * One vat as a placement policy sees it.
 *
 * @param id      the vat's name, unique in the cluster
 * @param kind    what sort of vat it is, which selects its {@link Strategy}
 * @param load    the turns per second it asked for, averaged over the host's window; for a new
 *                vat, the host's estimate
 * @param budget  the credits per second its owner funds it with
 * @param balance the credits it holds now, which it may spend on turns or on moving
 * @param server  the server it runs on; empty for a vat not yet placed
 */
public record VatView(String id, String kind, double load, double budget, double balance, String server) {

    public VatView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(server, "server");
        if (!(load >= 0) || Double.isInfinite(load)) {
            throw new IllegalArgumentException("load: " + load + " (expected: >= 0 and finite)");
        }
        if (!(budget >= 0) || Double.isInfinite(budget)) {
            throw new IllegalArgumentException("budget: " + budget + " (expected: >= 0 and finite)");
        }
        if (!(balance >= 0) || Double.isInfinite(balance)) {
            throw new IllegalArgumentException("balance: " + balance + " (expected: >= 0 and finite)");
        }
    }

    /** A vat not yet placed. */
    public static VatView unplaced(String id, String kind, double load, double budget, double balance) {
        return new VatView(id, kind, load, budget, balance, "");
    }

    /** Whether the vat runs somewhere yet. */
    public boolean placed() {
        return !server.isEmpty();
    }
}
