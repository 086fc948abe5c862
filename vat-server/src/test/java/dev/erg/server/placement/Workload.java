package dev.erg.server.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What the cluster is asked to do, second by second, from its own seeded generator: which vat
 * slot has which share of demand (a Zipf law over ranks that drift), which vats end and are
 * replaced, which servers come and go, and how many turns each vat asks for. When two vats
 * swap ranks their demands cross over linearly in {@link #DRIFT_SECONDS}, as popularity shifts,
 * rather than jumping. It draws the same
 * numbers in the same order whatever the policy does, so every policy faces the same demand.
 */
final class Workload {

    /** How long two vats that swap ranks take to trade their demand. */
    static final int DRIFT_SECONDS = 300;

    private final SimulationConfig config;
    private final SplittableRandom random;
    private final double[] share;
    private final int[] rankOf;
    private final int[] slotAt;
    private final int[] generation;
    private final double[] headroom;
    private final double[] fromShare;
    private final int[] driftStart;
    private int second;
    private int changes;

    Workload(SimulationConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        int n = config.vats();
        share = new double[n];
        double sum = 0;
        for (int rank = 0; rank < n; rank++) {
            share[rank] = Math.pow(rank + 1, -config.zipf());
            sum += share[rank];
        }
        for (int rank = 0; rank < n; rank++) {
            share[rank] /= sum;
        }
        rankOf = new int[n];
        slotAt = new int[n];
        for (int slot = 0; slot < n; slot++) {
            rankOf[slot] = slot;
        }
        // Shuffle which slot holds which rank, so that slot order says nothing about demand.
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = rankOf[i];
            rankOf[i] = rankOf[j];
            rankOf[j] = swap;
        }
        for (int slot = 0; slot < n; slot++) {
            slotAt[rankOf[slot]] = slot;
        }
        fromShare = new double[n];
        driftStart = new int[n];
        for (int slot = 0; slot < n; slot++) {
            fromShare[slot] = share[rankOf[slot]];
            driftStart[slot] = -DRIFT_SECONDS;
        }
        generation = new int[n];
        headroom = new double[n];
        for (int slot = 0; slot < n; slot++) {
            headroom[slot] = newHeadroom();
        }
    }

    /** Turns per second all vats ask for together. */
    double totalDemand() {
        return config.utilisation() * config.servers() * config.capacity();
    }

    /** Turns per second the vat in {@code slot} asks for now. */
    double demand(int slot) {
        double progress = Math.min(1, (second - driftStart[slot]) / (double) DRIFT_SECONDS);
        return totalDemand() * (fromShare[slot] + (share[rankOf[slot]] - fromShare[slot]) * progress);
    }

    /** The name of the vat in {@code slot} now; a new vat in a slot gets a new name. */
    String vatId(int slot) {
        return "v" + slot + "." + generation[slot];
    }

    /**
     * How far above the cluster's typical price the owner of the vat in {@code slot} funds it: 1
     * pays for its demand at the price of a server at the mean utilisation, 2 at twice that.
     */
    double headroom(int slot) {
        return headroom[slot];
    }

    /**
     * The change of servers at this second, if any, with {@code live} servers now: a server
     * drawn at random leaves, and at the next change one joins, in turn.
     */
    Optional<ServerChange> serverChange(int live) {
        if (second == 0 || second % config.membershipPeriod() != 0) {
            return Optional.empty();
        }
        int index = random.nextInt(live);
        boolean leave = changes++ % 2 == 0;
        return Optional.of(leave && live > config.minServers() ? new ServerChange.Leave(index) : new ServerChange.Join());
    }

    /** The slots whose vats end at this second; each gets a new vat with the same share of demand. */
    List<Integer> churn() {
        double mean = config.vats() * config.churnPerHour() / 3600;
        long ended = Poisson.sample(mean, random);
        List<Integer> slots = new ArrayList<>();
        for (long i = 0; i < ended; i++) {
            int slot = random.nextInt(config.vats());
            generation[slot]++;
            headroom[slot] = newHeadroom();
            slots.add(slot);
        }
        return slots;
    }

    /** Moves the workload on to {@code now}, the second about to be played. */
    void advance(int now) {
        second = now;
    }

    /** Starts moving demand between vats, at the start of each minute. */
    void drift() {
        if (second == 0 || second % 60 != 0) {
            return;
        }
        int hot = Math.max(1, config.vats() / 100);
        for (int i = 0; i < config.driftSwapsPerMinute(); i++) {
            int a = slotAt[random.nextInt(hot)];
            int b = random.nextInt(config.vats());
            fromShare[a] = demand(a) / totalDemand();
            fromShare[b] = demand(b) / totalDemand();
            driftStart[a] = second;
            driftStart[b] = second;
            int rankA = rankOf[a];
            rankOf[a] = rankOf[b];
            rankOf[b] = rankA;
            slotAt[rankOf[a]] = a;
            slotAt[rankOf[b]] = b;
        }
    }

    /** The turns the vat in {@code slot} asks for in the coming second. */
    long turns(int slot) {
        return Poisson.sample(demand(slot), random);
    }

    private double newHeadroom() {
        return 1 + random.nextDouble();
    }
}
