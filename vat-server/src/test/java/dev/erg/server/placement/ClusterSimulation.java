package dev.erg.server.placement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A deterministic simulation of a cluster placing vats by one {@link Contender}, second by second.
 *
 * <p>Each second: servers join or leave (a leaving server's vats are placed again by the policy
 * and pause to move), vats end and new ones are placed, demand drifts, each vat asks for a
 * Poisson number of turns, and each server runs what it was given. A server is a queue: turns
 * beyond its capacity carry over as backlog, and a turn's latency is the backlog ahead of it
 * plus an exponential time with rate capacity × (1 − utilisation), as in an M/M/1 queue.
 * Every vat pays its server's posted price per turn out of a balance its owner tops up; a metered
 * (agoric) run makes turns wait for funds instead of overspending. The host measures each vat's
 * turns per second as an exponential average over a window and hands policies those figures;
 * the max/mean figures are of true demand. Rebalancing rounds come every few seconds; a
 * migrated vat pauses, and its turns in the pause wait for its end.
 *
 * <p>Nothing reads a clock or ambient randomness: the workload has its own generator and the
 * policies another, both from the seed, so one seed gives one result.
 */
public final class ClusterSimulation {

    /** The curve every server posts its prices by. */
    public static final PriceCurve PRICES = new PriceCurve(1, 0.95);
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final String KIND = "worker";
    private static final double OPENING_BALANCE_SECONDS = 60;
    private static final double BALANCE_CAP_SECONDS = 300;
    private static final int PAUSE_SLICES = 4;

    private final SimulationConfig config;
    private final Contender contender;
    private final Workload workload;
    private final SplittableRandom random;
    private final Placement placement;
    private final List<SimServer> servers = new ArrayList<>();
    private final Map<String, SimServer> serversById = new HashMap<>();
    private final Map<String, Integer> slotsById = new HashMap<>();
    private final SimServer[] at;
    private final double[] measured;
    private final double[] balance;
    private final double[] deferred;
    private final boolean[] paused;
    private final boolean[] overspent;
    private final double[] ranTurns;
    private final String[] idOf;
    private final LatencyMixture latency = new LatencyMixture();
    private final LatencyMixture served = new LatencyMixture();
    private final List<Double> sampleMinutes = new ArrayList<>();
    private final List<Double> ratios = new ArrayList<>();
    private final List<Integer> migrationsPerSample = new ArrayList<>();
    private int nextServer;
    private int second;
    private long rebalancing;
    private long draining;
    private int sinceSample;
    private long overspentVats;
    private long vatsSeen;
    private double askedTurns;
    private double waitedForFunds;
    private long digest = 17;

    private ClusterSimulation(SimulationConfig config, Contender contender) {
        this.config = config;
        this.contender = contender;
        this.workload = new Workload(config);
        this.random = new SplittableRandom(config.seed() ^ 0x9E3779B97F4A7C15L);
        this.placement = contender.placement().get();
        int n = config.vats();
        at = new SimServer[n];
        measured = new double[n];
        balance = new double[n];
        deferred = new double[n];
        paused = new boolean[n];
        overspent = new boolean[n];
        ranTurns = new double[n];
        idOf = new String[n];
    }

    /** Plays {@code contender} through {@code config}. */
    public static SimulationResult run(SimulationConfig config, Contender contender) {
        return new ClusterSimulation(config, contender).play();
    }

    private SimulationResult play() {
        for (int i = 0; i < config.servers(); i++) {
            addServer(Membership.MEMBER);
        }
        for (int slot = 0; slot < config.vats(); slot++) {
            startVat(slot);
        }
        for (second = 0; second < config.seconds(); second++) {
            workload.advance(second);
            settleJoiners();
            workload.serverChange(servers.size()).ifPresent(this::change);
            for (int slot : workload.churn()) {
                endVat(slot);
                startVat(slot);
            }
            workload.drift();
            runTurns();
            measure();
            if (second > 0 && second % config.rebalancePeriod() == 0) {
                rebalance();
            }
            if (second % config.samplePeriod() == 0) {
                sample();
            }
        }
        for (int slot = 0; slot < config.vats(); slot++) {
            endVat(slot);
        }
        return result();
    }

    private boolean measuring() {
        return second >= config.warmUp();
    }

    private SimServer addServer(Membership membership) {
        SimServer server = new SimServer("s" + nextServer++, config.capacity(), second);
        server.membership = membership;
        servers.add(server);
        serversById.put(server.id, server);
        return server;
    }

    private void settleJoiners() {
        for (SimServer s : servers) {
            if (s.membership == Membership.JOINING && second - s.arrived >= config.joining()) {
                s.membership = Membership.MEMBER;
            }
        }
    }

    private void change(ServerChange change) {
        switch (change) {
            case ServerChange.Join() -> addServer(Membership.JOINING);
            case ServerChange.Leave(int index) -> {
                SimServer leaving = servers.get(index);
                leaving.membership = Membership.LEAVING;
                for (int slot = 0; slot < config.vats(); slot++) {
                    if (at[slot] == leaving) {
                        SimServer to = place(slot);
                        move(slot, to);
                        if (measuring()) {
                            draining++;
                        }
                        sinceSample++;
                        digest = digest * 31 + (workload.vatId(slot) + ">" + to.id).hashCode();
                    }
                }
                servers.remove(leaving);
                serversById.remove(leaving.id);
            }
        }
    }

    /** The host's estimate of a new vat's load: the mean share of demand, as a kind's history would tell. */
    private double prior() {
        return workload.totalDemand() / config.vats();
    }

    private double income(int slot) {
        return workload.demand(slot) * PRICES.price(config.utilisation()) * workload.headroom(slot);
    }

    private VatView view(int slot) {
        return new VatView(workload.vatId(slot), KIND, measured[slot], income(slot), Math.max(0, balance[slot]), at[slot].id);
    }

    private List<ServerView> serverViews() {
        return servers.stream().map(s -> s.view(PRICES)).toList();
    }

    private void startVat(int slot) {
        idOf[slot] = workload.vatId(slot);
        slotsById.put(idOf[slot], slot);
        measured[slot] = prior();
        balance[slot] = income(slot) * OPENING_BALANCE_SECONDS;
        deferred[slot] = 0;
        paused[slot] = false;
        overspent[slot] = false;
        SimServer to = place(slot);
        at[slot] = to;
        to.measured += measured[slot];
        vatsSeen++;
    }

    private void endVat(int slot) {
        if (overspent[slot]) {
            overspentVats++;
        }
        SimServer server = at[slot];
        server.measured = Math.max(0, server.measured - measured[slot]);
        slotsById.remove(idOf[slot]);
    }

    private SimServer place(int slot) {
        VatView vat = new VatView(workload.vatId(slot), KIND, measured[slot], income(slot),
                Math.max(0, balance[slot]), "");
        Optional<String> chosen = placement.choose(vat, serverViews(), random);
        SimServer to = chosen.map(serversById::get).orElseThrow(() -> new IllegalStateException("no server accepts vats"));
        if (!to.membership.accepts()) {
            throw new IllegalStateException(contender.name() + " placed a vat on " + to.id + ", which is " + to.membership);
        }
        return to;
    }

    private void move(int slot, SimServer to) {
        at[slot].measured = Math.max(0, at[slot].measured - measured[slot]);
        to.measured += measured[slot];
        at[slot] = to;
        paused[slot] = true;
    }

    private void runTurns() {
        for (int slot = 0; slot < config.vats(); slot++) {
            long asked = workload.turns(slot);
            SimServer server = at[slot];
            double price = PRICES.price(server.measured / server.capacity);
            double income = income(slot);
            balance[slot] = Math.min(balance[slot] + income, income * BALANCE_CAP_SECONDS);
            double ran = asked;
            if (contender.metered()) {
                double waiting = deferred[slot] + asked;
                ran = Math.min(waiting, Math.floor(Math.max(0, balance[slot]) / price));
                double fromBacklog = Math.min(ran, deferred[slot]);
                if (fromBacklog > 0) {
                    // By Little's law a turn taken from a backlog of b at r turns a second waited about b / r.
                    server.fundedTurns += fromBacklog;
                    server.fundedWait += fromBacklog * deferred[slot] / Math.max(1, ran);
                }
                deferred[slot] = waiting - ran;
                if (measuring()) {
                    waitedForFunds += Math.max(0, asked - ran);
                }
            }
            balance[slot] -= ran * price;
            if (balance[slot] < -1e-9) {
                overspent[slot] = true;
            }
            if (paused[slot]) {
                server.pausedTurns += ran * config.pause();
                paused[slot] = false;
            }
            if (measuring()) {
                askedTurns += asked;
            }
            server.arrivals += ran;
            ranTurns[slot] = ran;
        }
        for (SimServer server : servers) {
            queue(server);
        }
    }

    private void queue(SimServer server) {
        double mu = server.capacity;
        double before = server.backlog;
        double after = Math.max(0, before + server.arrivals - mu);
        double waited = (before + after) / 2 / mu;
        double rate = mu * (1 - Math.min(server.arrivals / mu, 0.99));
        if (measuring()) {
            double plain = server.arrivals - server.pausedTurns - server.fundedTurns;
            latency.add(Math.max(0, plain), waited, rate);
            served.add(Math.max(0, plain) + server.fundedTurns, waited, rate);
            for (int i = 0; i < PAUSE_SLICES; i++) {
                double extra = config.pause() * (2 * i + 1) / (2.0 * PAUSE_SLICES);
                latency.add(server.pausedTurns / PAUSE_SLICES, waited + extra, rate);
                served.add(server.pausedTurns / PAUSE_SLICES, waited + extra, rate);
            }
            if (server.fundedTurns > 0) {
                latency.add(server.fundedTurns, waited + server.fundedWait / server.fundedTurns, rate);
            }
        }
        server.backlog = after;
        server.arrivals = 0;
        server.pausedTurns = 0;
        server.fundedTurns = 0;
        server.fundedWait = 0;
    }

    /** Updates each vat's measured load and each server's sum of them. */
    private void measure() {
        double alpha = 1 / config.window();
        for (SimServer server : servers) {
            server.measured = 0;
        }
        for (int slot = 0; slot < config.vats(); slot++) {
            measured[slot] += alpha * (ranTurns[slot] - measured[slot]);
            at[slot].measured += measured[slot];
        }
    }

    private void rebalance() {
        List<VatView> vats = new ArrayList<>(config.vats());
        for (int slot = 0; slot < config.vats(); slot++) {
            vats.add(view(slot));
        }
        ClusterView cluster = new ClusterView(EPOCH.plusSeconds(second), serverViews(), vats);
        for (Migration m : placement.rebalance(cluster, random)) {
            Integer slot = slotsById.get(m.vat());
            SimServer to = serversById.get(m.to());
            if (slot == null || to == null || !at[slot].id.equals(m.from()) || !to.membership.accepts()) {
                throw new IllegalStateException(contender.name() + " proposed a migration that does not fit: " + m);
            }
            if (m.fee() > Math.max(0, balance[slot]) + 1e-9) {
                overspent[slot] = true;
            }
            balance[slot] -= m.fee();
            move(slot, to);
            if (measuring()) {
                rebalancing++;
            }
            sinceSample++;
            digest = digest * 31 + m.hashCode();
        }
    }

    /** The busiest server's utilisation over the mean, by true demand. */
    private void sample() {
        Map<SimServer, Double> demand = new HashMap<>();
        for (int slot = 0; slot < config.vats(); slot++) {
            demand.merge(at[slot], workload.demand(slot), Double::sum);
        }
        double total = 0;
        double capacity = 0;
        double max = 0;
        for (SimServer server : servers) {
            double load = demand.getOrDefault(server, 0.0);
            total += load;
            capacity += server.capacity;
            max = Math.max(max, load / server.capacity);
        }
        sampleMinutes.add(second / 60.0);
        ratios.add(max / (total / capacity));
        migrationsPerSample.add(sinceSample);
        sinceSample = 0;
    }

    private SimulationResult result() {
        double sum = 0;
        double worst = 0;
        int count = 0;
        for (int i = 0; i < ratios.size(); i++) {
            if (sampleMinutes.get(i) * 60 >= config.warmUp()) {
                sum += ratios.get(i);
                worst = Math.max(worst, ratios.get(i));
                count++;
            }
        }
        double hours = (config.seconds() - config.warmUp()) / 3600.0;
        return new SimulationResult(contender.name(), config.seed(), sum / count, worst, rebalancing / hours,
                draining / hours, latency.quantile(0.99) * 1000, served.quantile(0.99) * 1000, overspentVats, vatsSeen,
                askedTurns == 0 ? 0 : waitedForFunds / askedTurns, sampleMinutes, ratios, migrationsPerSample, digest);
    }
}
