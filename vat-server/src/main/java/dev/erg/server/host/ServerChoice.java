package dev.erg.server.host;

import dev.erg.server.cluster.Member;
import dev.erg.server.cluster.MemberState;
import dev.erg.server.config.ClusterConfig;
import dev.erg.server.placement.CheapestAffordable;
import dev.erg.server.placement.Membership;
import dev.erg.server.placement.Placement;
import dev.erg.server.placement.PlacementPolicy;
import dev.erg.server.placement.PowerOfChoices;
import dev.erg.server.placement.RandomPlacement;
import dev.erg.server.placement.Rebalancer;
import dev.erg.server.placement.RoundRobin;
import dev.erg.server.placement.ServerView;
import dev.erg.server.placement.Strategy;
import dev.erg.server.placement.VatView;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Chooses the server a vat spawned here goes to, by the placement policy the configuration
 * gives its service ({@code cluster.placement}, {@code cluster.placement.SERVICE}), over the
 * live members and the load they posted. Members post no capacity, so each is taken to manage
 * this server's {@code cluster.capacity}; agoric placement prices them by this server's curve.
 */
final class ServerChoice {

    private final Placement placement;
    private final double capacity;
    private final RandomGenerator random = new SecureRandom();

    ServerChoice(ClusterConfig config) {
        Placement registry = Placement.of(strategy(config.placementOf(""), config));
        for (Map.Entry<String, String> e : config.placement().entrySet()) {
            if (!e.getKey().isEmpty()) {
                registry = registry.with(e.getKey(), strategy(e.getValue(), config));
            }
        }
        this.placement = registry;
        this.capacity = config.capacity();
    }

    private static Strategy strategy(String name, ClusterConfig config) {
        PlacementPolicy policy = switch (name) {
            case "power-of-two" -> new PowerOfChoices(2);
            case "round-robin" -> new RoundRobin();
            case "random" -> new RandomPlacement();
            case "agoric" -> new CheapestAffordable(config.prices());
            default -> throw new IllegalArgumentException("unknown placement policy " + name);
        };
        return new Strategy(name, policy, Rebalancer.NONE);
    }

    /** A live active member among {@code members} for a new vat running {@code service}; empty if none takes vats. */
    synchronized Optional<String> choose(String service, List<Member> members) {
        return placement.choose(VatView.unplaced("new", service, 0, 0, 0), views(members, capacity), random);
    }

    /**
     * How placement sees {@code members}, each taken to manage {@code capacity} turns per
     * second: the active ones as members, the others as leaving.
     */
    static List<ServerView> views(List<Member> members, double capacity) {
        return members.stream()
                .filter(Member::live)
                .map(m -> new ServerView(m.serverId(), capacity, m.load().turnsPerSecond(), m.price(),
                        m.state() == MemberState.ACTIVE ? Membership.MEMBER : Membership.LEAVING))
                .toList();
    }
}
