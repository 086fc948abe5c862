package dev.erg.server.placement;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster at one instant, as the host measured it.
 *
 * @param now     the host's clock at the measurement; policies read no clock of their own
 * @param servers every server, joining and leaving ones included
 * @param vats    every placed vat
 */
public record ClusterView(Instant now, List<ServerView> servers, List<VatView> vats) {

    public ClusterView {
        Objects.requireNonNull(now, "now");
        servers = List.copyOf(servers);
        vats = List.copyOf(vats);
    }

    /** The server called {@code id}, if there is one. */
    public Optional<ServerView> server(String id) {
        return servers.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The same cluster seen at {@code later}. */
    public ClusterView withNow(Instant later) {
        return new ClusterView(later, servers, vats);
    }

    /** The servers that accept vats, in the snapshot's order. */
    public List<ServerView> accepting() {
        return servers.stream().filter(ServerView::accepts).toList();
    }

    /**
     * The cluster as it will be once {@code migrations} are made: each moved vat on its new
     * server and its load carried there. Prices stay as posted until the host measures again.
     *
     * @throws IllegalArgumentException if a migration names a vat or server not in this view, or
     *                                  moves a vat from a server it is not on
     */
    public ClusterView after(List<Migration> migrations) {
        Map<String, VatView> vatsById = new HashMap<>();
        vats.forEach(v -> vatsById.put(v.id(), v));
        Map<String, Double> loads = new HashMap<>();
        servers.forEach(s -> loads.put(s.id(), s.load()));
        for (Migration m : migrations) {
            VatView vat = vatsById.get(m.vat());
            if (vat == null || !vat.server().equals(m.from()) || !loads.containsKey(m.to())) {
                throw new IllegalArgumentException("migration does not fit the cluster: " + m);
            }
            loads.merge(m.from(), -vat.load(), (a, b) -> Math.max(0, a + b));
            loads.merge(m.to(), vat.load(), Double::sum);
            vatsById.put(vat.id(), new VatView(vat.id(), vat.kind(), vat.load(), vat.budget(), vat.balance(), m.to()));
        }
        List<ServerView> movedServers = servers.stream()
                .map(s -> new ServerView(s.id(), s.capacity(), loads.get(s.id()), s.price(), s.membership()))
                .toList();
        List<VatView> movedVats = vats.stream().map(v -> vatsById.get(v.id())).toList();
        return new ClusterView(now, movedServers, movedVats);
    }
}
