package dev.erg.sim;

import dev.erg.crypto.VatId;
import dev.erg.vat.DeterministicScheduler;
import dev.erg.vat.Problem;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A whole cluster simulated from one seed: {@code hosts} servers of actors, CapTP sessions
 * between them over a {@link Net} that reorders, partitions and drops, hosts that crash and
 * restart, and a {@link Workload}, all in one runtime on a {@link DeterministicScheduler}.
 * Each {@link #step()} does one thing (runs a turn, delivers a message, starts an action,
 * injects a fault) and then checks the {@link Ledger}'s invariants; the seed decides every
 * choice, so a failing seed replays exactly.
 */
final class Cluster implements AutoCloseable {

    private static final long MAX_SETTLE_ROUNDS = 10_000;

    private final long seed;
    private final SplittableRandom random;
    private final DeterministicScheduler scheduler;
    private final VatRuntime runtime;
    private final Ledger ledger;
    private final Net net;
    private final Workload workload;
    private final List<Host> hosts = new ArrayList<>();
    private final Map<Long, SimActor> actors = new LinkedHashMap<>();
    private final Set<Long> probes = new HashSet<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private long steps;
    private long nextSend;
    private long nextSlot;
    private long nextActor;
    private long nextDeferred = -1;

    Cluster(long seed, int hostCount) {
        this.seed = seed;
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1);
        this.scheduler = new DeterministicScheduler(seed);
        this.runtime = VatRuntime.builder().scheduler(scheduler).build();
        this.ledger = new Ledger(hostCount);
        this.net = new Net(this, new WireCodec(PassableRegistry.empty(), WireLimits.defaults()));
        this.workload = new Workload(this, random);
        this.nextActor = hostCount;
        for (int i = 0; i < hostCount; i++) {
            hosts.add(new Host(this, i));
        }
        hosts.forEach(this::start);
        check("start");
    }

    long seed() {
        return seed;
    }

    Ledger ledger() {
        return ledger;
    }

    Net net() {
        return net;
    }

    VatRuntime runtime() {
        return runtime;
    }

    List<Host> hosts() {
        return hosts;
    }

    long steps() {
        return steps;
    }

    Host host(VatId id) {
        return hosts.stream().filter(h -> h.identity.vatId().equals(id)).findFirst().orElseThrow();
    }

    /** Counts one more {@code event} (a fault injected, a handoff made), for the summary. */
    void count(String event) {
        counts.merge(event, 1L, Long::sum);
    }

    /** How many times each counted event happened. */
    Map<String, Long> counts() {
        return counts;
    }

    long nextSend() {
        return nextSend++;
    }

    long nextSlot() {
        return nextSlot++;
    }

    long nextActor() {
        return nextActor++;
    }

    long nextDeferred() {
        return nextDeferred--;
    }

    /** Makes actor {@code id} in {@code host}; called in a turn of the host, or as it starts. */
    SimActor spawn(Host host, long id) {
        SimActor actor = new SimActor(this, id, host, host.objectVat(id));
        actors.put(id, actor);
        ledger.note("spawn " + id + " on " + host);
        return actor;
    }

    private void start(Host host) {
        host.start();
        // Its clients: actors that act from the start, knowing only the sturdy refs.
        for (int i = 0; i < Host.VATS; i++) {
            spawn(host, nextActor());
        }
        ledger.note("start " + host + "." + host.incarnation());
    }

    /** Runs {@code count} steps. */
    void run(long count) {
        for (long i = 0; i < count; i++) {
            step();
        }
    }

    /** Does one thing chosen by the seed, then checks every invariant. */
    void step() {
        steps++;
        int r = random.nextInt(200);
        ledger.note("step " + steps + " " + r);
        if (r < 70) {
            if (!scheduler.step()) {
                net.deliverOne(random);
            }
        } else if (r < 130) {
            net.deliverOne(random);
        } else if (r < 182) {
            act();
        } else if (r < 188) {
            net.flush();
        } else if (r < 190) {
            List<Net.Conn> conns = net.connections();
            if (!conns.isEmpty()) {
                net.kill(conns.get(random.nextInt(conns.size())),
                        Problem.of(Problem.UNAVAILABLE, "the connection was lost"));
                count("dropped connections");
            }
        } else if (r < 191) {
            net.partition(hosts.get(random.nextInt(hosts.size())), hosts.get(random.nextInt(hosts.size())));
        } else if (r < 193) {
            net.heal();
        } else if (r < 194) {
            crash(hosts.get(random.nextInt(hosts.size())));
        } else if (r < 197) {
            Host host = hosts.get(random.nextInt(hosts.size()));
            if (!host.isUp()) {
                start(host);
                count("restarts");
            }
        } else {
            scheduler.advance(Duration.ofSeconds(1 + random.nextInt(40)));
        }
        check("step " + steps);
    }

    private void act() {
        List<SimActor> acting = acting();
        if (!acting.isEmpty()) {
            SimActor actor = acting.get(random.nextInt(acting.size()));
            actor.vat.run(() -> workload.act(actor));
        }
    }

    /** The live actors that act: all but the services, which only answer. */
    private List<SimActor> acting() {
        return actors.values().stream().filter(a -> a.id >= hosts.size() && a.alive()).toList();
    }

    private void crash(Host host) {
        if (!host.isUp() || hosts.stream().filter(Host::isUp).count() < 2) {
            return;
        }
        ledger.note("crash " + host);
        count("crashes");
        net.killAll(host, Problem.of(Problem.UNAVAILABLE, "host %s crashed", host));
        host.crash();
    }

    /**
     * Brings the cluster to rest and checks what must hold then: the network healed and
     * drained, every promise rejected that its maker held open, every turn and timer run;
     * every send of a live actor has settled, and each host that is up serves its sturdy ref
     * to an actor of another host.
     */
    void quiesce() {
        net.heal();
        for (SimActor actor : acting()) {
            actor.vat.run(() -> workload.rejectAll(actor));
        }
        settle();
        for (Host host : hosts) {
            if (host.isUp()) {
                acting().stream().filter(a -> a.host != host).findFirst()
                        .ifPresent(a -> a.vat.run(() -> probes.add(workload.probe(a, host))));
            }
        }
        settle();
        ledger.checkSettled(id -> actors.containsKey(id) && actors.get(id).alive());
        ledger.checkProbes(probes);
        check("quiesce after step " + steps);
    }

    /** Runs turns, timers and the network, gc messages included, until nothing moves. */
    void settle() {
        for (long round = 0; round < MAX_SETTLE_ROUNDS; round++) {
            scheduler.runAll();
            if (!(net.flush() | net.drain())) {
                return;
            }
        }
        throw new AssertionError("seed " + seed + ": the cluster never came to rest");
    }

    /** Drops every reference the actors hold, for {@link #baselineDeviation()}. */
    void dropAll() {
        for (SimActor actor : actors.values()) {
            actor.slots.clear();
            actor.open.clear();
        }
    }

    /**
     * How a session's tables differ from a fresh one's once every reference is dropped and the
     * network is quiet (only the bootstrap exported, at most the peer's bootstrap imported, no
     * question or answer), or null if none does.
     */
    String baselineDeviation() {
        for (Net.Conn conn : net.connections()) {
            for (Host side : List.of(conn.a, conn.b)) {
                int[] t = conn.sessionAt(side).tableSizes();
                if (t[0] != 1 || t[1] > 1 || t[2] != 0 || t[3] != 0) {
                    return "seed " + seed + ": on " + conn + ", the session of " + conn.a + " holds " + tables(conn.atA)
                            + " and that of " + conn.b + " holds " + tables(conn.atB);
                }
            }
        }
        return null;
    }

    private static String tables(dev.erg.captp.session.Session session) {
        int[] t = session.tableSizes();
        return t[0] + " exports, " + t[1] + " imports, " + t[2] + " questions, " + t[3] + " answers";
    }

    private void check(String when) {
        for (SimActor actor : actors.values()) {
            if (actor.alive()) {
                ledger.checkHoldings(actor.id, actor.slots);
            }
        }
        if (!ledger.violations().isEmpty()) {
            throw new AssertionError("seed " + seed + ", " + when + ": " + String.join("; ", ledger.violations())
                    + " (replay: -Derg.sim.seed=" + seed + ")");
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
