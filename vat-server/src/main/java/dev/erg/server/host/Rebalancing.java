package dev.erg.server.host;

import dev.erg.crypto.VatId;
import dev.erg.server.cluster.ClusterException;
import dev.erg.server.cluster.Directory;
import dev.erg.server.cluster.Member;
import dev.erg.server.cluster.MemberState;
import dev.erg.server.cluster.Placement;
import dev.erg.server.cluster.VatState;
import dev.erg.server.placement.ClusterView;
import dev.erg.server.placement.HotSpotRebalancer;
import dev.erg.server.placement.Hysteresis;
import dev.erg.server.placement.Migration;
import dev.erg.server.placement.Rebalancer;
import dev.erg.server.placement.ServerView;
import dev.erg.server.placement.VatView;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot-spot rebalancer of the placement package, run against the cluster's directory
 * ({@code cluster.rebalance = hot-spot}). One member rebalances at a time: the live active
 * member with the lowest id, so no two propose moves from their own stale views at once. A
 * round sees each member's load as the sum of the loads its vats' hosts posted for them, and
 * begins the moves the rebalancer proposes; the vats' hosts then hand them over. No round is
 * run while a vat is moving, so each sees the loads the last moves made.
 */
final class Rebalancing {

    private static final Logger LOG = LoggerFactory.getLogger(Rebalancing.class);

    /**
     * Shed down to 5% above the mean load once more than 10% above it, for moves that lower the
     * hotter server's load by at least 3% of the mean (members post no capacity, so only a
     * threshold relative to the load means the same at 50 turns/s as at 5,000), each vat staying
     * put 10 s after a move, two moves a round.
     */
    static final Hysteresis HYSTERESIS = new Hysteresis(0.10, 0.03, Duration.ofSeconds(10), 2);

    private final String serverId;
    private final Directory directory;
    private final Rebalancer rebalancer = new HotSpotRebalancer(HYSTERESIS);
    private final RandomGenerator random = new SecureRandom();

    Rebalancing(String serverId, Directory directory) {
        this.serverId = serverId;
        this.directory = directory;
    }

    /**
     * One round over {@code placements} and the {@code live} members, if this member is the one
     * that rebalances and no vat is moving; answers the moves begun.
     */
    List<Migration> round(List<Placement> placements, List<Member> live) {
        Optional<String> leader = live.stream().filter(m -> m.state() == MemberState.ACTIVE).map(Member::serverId)
                .min(String::compareTo);
        if (!leader.equals(Optional.of(serverId)) || placements.stream().anyMatch(p -> p.state() == VatState.MOVING)) {
            return List.of();
        }
        Map<String, Double> loads = new HashMap<>();
        Map<String, Placement> byId = new HashMap<>();
        for (Placement p : placements) {
            loads.merge(p.serverId(), p.load(), Double::sum);
            byId.put(p.vat().toString(), p);
        }
        List<ServerView> servers = ServerChoice.views(live).stream()
                .map(s -> new ServerView(s.id(), s.capacity(), loads.getOrDefault(s.id(), 0.0), s.price(), s.membership()))
                .toList();
        List<VatView> vats = placements.stream()
                .filter(p -> servers.stream().anyMatch(s -> s.id().equals(p.serverId())))
                .map(p -> new VatView(p.vat().toString(), p.service(), p.load(), 0, 0, p.serverId()))
                .toList();
        List<Migration> proposed = rebalancer.propose(new ClusterView(Instant.now(), servers, vats), random);
        for (Migration m : proposed) {
            Placement p = byId.get(m.vat());
            try {
                directory.beginMove(VatId.parse(m.vat()), p.epoch(), m.to());
                LOG.info("rebalancing: moving vat {} ({} turns/s) from server {} to server {}", m.vat(),
                        String.format("%.1f", p.load()), m.from(), m.to());
            } catch (ClusterException e) {
                LOG.debug("rebalancing: cannot move vat {}: {}", m.vat(), e.getMessage());
            }
        }
        return proposed;
    }
}
