package dev.erg.server.placement;

import java.time.Instant;
import java.util.List;

/** Snapshots for the policies' tests. */
final class Views {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private Views() {
    }

    static ServerView server(String id, double load) {
        return new ServerView(id, 100, load, ClusterSimulation.PRICES.price(load / 100), Membership.MEMBER);
    }

    static ServerView leaving(String id, double load) {
        return new ServerView(id, 100, load, ClusterSimulation.PRICES.price(load / 100), Membership.LEAVING);
    }

    static VatView vat(String id, double load, String server) {
        return new VatView(id, "worker", load, 1_000, 1_000, server);
    }

    static ClusterView cluster(List<ServerView> servers, List<VatView> vats) {
        return new ClusterView(NOW, servers, vats);
    }
}
