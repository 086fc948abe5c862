package dev.erg.server.host;

import dev.erg.crypto.VatId;
import dev.erg.server.cluster.ClusterException;
import dev.erg.server.cluster.Directory;
import dev.erg.server.cluster.Member;
import dev.erg.server.cluster.MemberState;
import dev.erg.server.cluster.Placement;
import dev.erg.server.cluster.VatState;
import dev.erg.server.config.ClusterConfig;
import dev.erg.server.placement.ClusterView;
import dev.erg.server.placement.Escalation;
import dev.erg.server.placement.EscalatorRebalancer;
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
 * A rebalancer of the placement package run against the cluster's directory: the hot-spot
 * rebalancer ({@code cluster.rebalance = hot-spot}) or the escalator market of agoric
 * rebalancing ({@code agoric}), whose vats are funded and charged by {@link Accounts}. One
 * member rebalances at a time: the live active member with the lowest id, so no two propose
 * moves from their own stale views at once. A round sees each vat's load as the average of what
 * its hosts posted for it over the rounds ({@link LoadAverages}) and each member's as the sum of
 * its vats', measured against this member's capacity, and begins the moves the rebalancer
 * proposes; the vats' hosts then hand them over. No round is run while a vat is moving, so each
 * sees the loads the last moves made.
 */
final class Rebalancing {

    private static final Logger LOG = LoggerFactory.getLogger(Rebalancing.class);

    /**
     * Shed down to 5% above the mean load once more than 10% above it, for moves that lower the
     * hotter server's load by at least 5% of the mean (a threshold relative to the load means
     * the same at 50 turns/s as at 5,000), each vat staying put 30 s after a move, two moves a
     * round.
     */
    static final Hysteresis HYSTERESIS = new Hysteresis(0.10, 0.05, Duration.ofSeconds(30), 2);

    /**
     * A vat bids to move for a 10% saving, up to what the move saves it in a minute, opening at
     * a quarter of that; a member admits one vat a round; a vat that moved bids again after 30 s.
     */
    static final Escalation ESCALATION = new Escalation(0.10, Duration.ofMinutes(1), 0.25, 1, Duration.ofSeconds(30));

    private final String serverId;
    private final Directory directory;
    private final double capacity;
    private final Rebalancer rebalancer;
    private final Optional<Accounts> accounts;
    private final LoadAverages averages = new LoadAverages();
    private final RandomGenerator random = new SecureRandom();

    private Rebalancing(String serverId, Directory directory, double capacity, Rebalancer rebalancer,
                        Optional<Accounts> accounts) {
        this.serverId = serverId;
        this.directory = directory;
        this.capacity = capacity;
        this.rebalancer = rebalancer;
        this.accounts = accounts;
    }

    /** The rebalancing {@code config} asks of member {@code serverId}, if any. */
    static Optional<Rebalancing> of(ClusterConfig config, String serverId, Directory directory) {
        return switch (config.rebalance()) {
            case "off" -> Optional.empty();
            case "hot-spot" -> Optional.of(new Rebalancing(serverId, directory, config.capacity(),
                    new HotSpotRebalancer(HYSTERESIS), Optional.empty()));
            case "agoric" -> Optional.of(new Rebalancing(serverId, directory, config.capacity(),
                    new EscalatorRebalancer(config.prices(), ESCALATION),
                    Optional.of(new Accounts(config.prices(), config::budgetOf))));
            default -> throw new IllegalArgumentException("unknown rebalancer " + config.rebalance());
        };
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
        Map<String, Double> posted = new HashMap<>();
        Map<String, Placement> byId = new HashMap<>();
        for (Placement p : placements) {
            posted.put(p.vat().toString(), p.load());
            byId.put(p.vat().toString(), p);
        }
        Map<String, Double> averaged = averages.fold(posted);
        Map<String, Double> loads = new HashMap<>();
        for (Placement p : placements) {
            loads.merge(p.serverId(), averaged.get(p.vat().toString()), Double::sum);
        }
        List<ServerView> servers = ServerChoice.views(live, capacity).stream()
                .map(s -> new ServerView(s.id(), s.capacity(), loads.getOrDefault(s.id(), 0.0), s.price(), s.membership()))
                .toList();
        List<VatView> vats = placements.stream()
                .filter(p -> servers.stream().anyMatch(s -> s.id().equals(p.serverId())))
                .map(p -> new VatView(p.vat().toString(), p.service(), averaged.get(p.vat().toString()), 0, 0, p.serverId()))
                .toList();
        Instant now = Instant.now();
        List<VatView> funded = accounts.map(a -> a.settle(now, servers, vats)).orElse(vats);
        List<Migration> proposed = rebalancer.propose(new ClusterView(now, servers, funded), random);
        for (Migration m : proposed) {
            Placement p = byId.get(m.vat());
            try {
                directory.beginMove(VatId.parse(m.vat()), p.epoch(), m.to());
                accounts.ifPresent(a -> a.pay(m));
                LOG.info("rebalancing: moving vat {} ({} turns/s) from server {} to server {}{}", m.vat(),
                        String.format("%.1f", p.load()), m.from(), m.to(),
                        m.fee() > 0 ? String.format(", for a bid of %.2f credits", m.fee()) : "");
            } catch (ClusterException e) {
                LOG.debug("rebalancing: cannot move vat {}: {}", m.vat(), e.getMessage());
            }
        }
        return proposed;
    }
}
