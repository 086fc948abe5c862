package dev.erg.server.metrics;

import dev.erg.net.PeerStatus;
import dev.erg.net.link.Link;
import dev.erg.server.durable.DurableHost;
import dev.erg.vat.PeerFault;
import dev.erg.vat.Vat;
import dev.erg.vat.VatObserver;
import dev.erg.vat.spi.BrokenPromises;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The server's meters, in a Micrometer registry that renders the Prometheus text format:
 *
 * <ul>
 * <li>{@code erg_sessions}: live CapTP sessions; {@code erg_sessions_lost_total}: sessions ended;</li>
 * <li>{@code erg_vats}: vats alive in the runtime;</li>
 * <li>{@code erg_messages_sent_total}: messages sent to peers (questions, answers, releases);</li>
 * <li>{@code erg_peer_faults_total}, labelled {@code kind} (a {@link PeerFault#label()}): problems
 *     caused by others' input, such as a peer breaking the protocol, which the log shows only
 *     a line per kind per minute of;</li>
 * <li>per hosted vat, labelled {@code vat}: {@code erg_vat_messages_total}, eventual sends
 *     delivered to it (the messages coming in); {@code erg_vat_turn_seconds}, how long its turns
 *     take, as a histogram; {@code erg_vat_queue_depth}, turns queued and not yet finished (the one running included).</li>
 * <li>per live CapTP session, labelled {@code peer} (the peer's vat id):
 *     {@code erg_session_messages_received_total} and {@code erg_session_messages_sent_total},
 *     the messages in and out; {@code erg_session_table_entries}, also labelled {@code table}
 *     ({@code exports}, {@code imports}, {@code questions}, {@code answers}), the sizes of its
 *     tables;</li>
 * <li>{@code erg_promises_broken_total}, labelled {@code kind}: promises broken in this JVM, by the
 *     kind of their problem (see {@link BrokenPromises});</li>
 * <li>{@code erg_otlp_spans_dropped_total}, when spans are exported over OTLP: those it lost.</li>
 * </ul>
 *
 * It is the runtime's {@link VatObserver}: per turn it costs a map lookup, two atomic
 * additions, a timer record and a {@link System#nanoTime()} with three stores into the vat's
 * {@linkplain #recentTurns recent turns}, and nothing for vats it does not track. Session and
 * broken-promise meters cost nothing per message: they are read from the runtime's own
 * counters when scraped.
 */
public final class ServerMetrics implements VatObserver {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Vat, VatMeters> vats = new ConcurrentHashMap<>();
    private final Counter sessionsLost;
    private final SessionMeters sessionMeters = new SessionMeters(registry);
    private final BrokenPromiseMeters brokenPromises = new BrokenPromiseMeters(registry);
    private volatile Supplier<List<PeerStatus>> peers = List::of;
    private volatile Supplier<Integer> sessions = () -> 0;
    private volatile Supplier<Integer> vatCount = () -> 0;
    private volatile TurnTimer turnTimer;

    /** Meters for a server; {@link #trackSessions} and {@link #track} add the rest. */
    public ServerMetrics() {
        this.sessionsLost = Counter.builder("erg.sessions.lost").description("CapTP sessions ended").register(registry);
        FunctionCounter.builder("erg.messages.sent", this, m -> Link.messagesSent())
                .description("messages sent to peers over CapTP links")
                .register(registry);
        for (PeerFault fault : PeerFault.values()) {
            FunctionCounter.builder("erg.peer.faults", fault, PeerFault::count)
                    .description("problems caused by others' input, by kind")
                    .tag("kind", fault.label())
                    .register(registry);
        }
    }

    /** Reports {@code sessions} and {@code vats} as gauges. */
    public void trackSessions(Supplier<Integer> sessions, Supplier<Integer> vatCount) {
        this.sessions = sessions;
        this.vatCount = vatCount;
        // Held strongly: Micrometer keeps a gauge's state weakly, and these suppliers have no other owner.
        Gauge.builder("erg.sessions", sessions, s -> s.get()).description("live CapTP sessions").strongReference(true)
                .register(registry);
        Gauge.builder("erg.vats", vatCount, v -> v.get()).description("vats alive").strongReference(true).register(registry);
    }

    /** Reports the meters of each live session in {@code sessions}, asked at each scrape. */
    public void trackPeers(Supplier<List<PeerStatus>> sessions) {
        this.peers = sessions;
    }

    /** Reports durable turns, commits and store outages as counters, and alarms raised and the store's state as gauges. */
    public void trackDurables(DurableHost durables) {
        FunctionCounter.builder("erg.durable.turns", durables, DurableHost::turns)
                .description("durable turns committed").register(registry);
        FunctionCounter.builder("erg.durable.commits", durables, DurableHost::commits)
                .description("transactions committed by the durable store").register(registry);
        Gauge.builder("erg.durable.alarms", durables, d -> d.alarms().size())
                .description("alarms raised, such as a peer restored from an old copy").strongReference(true)
                .register(registry);
        Gauge.builder("erg.durable.store.state", durables, d -> d.store().state().ordinal())
                .description("the durable store: 0 up, 1 reconnecting, 2 fenced (another server claimed it)")
                .strongReference(true).register(registry);
        FunctionCounter.builder("erg.durable.store.outages", durables, d -> d.store().outages())
                .description("times the durable store stopped being up").register(registry);
    }

    /** Reports {@code dropped}, the spans an OpenTelemetry export lost, as {@code erg_otlp_spans_dropped_total}. */
    public void trackDroppedSpans(LongSupplier dropped) {
        FunctionCounter.builder("erg.otlp.spans.dropped", dropped, d -> d.getAsLong())
                .description("spans the OTLP export dropped: its queue was full or the collector did not take them")
                .register(registry);
    }

    /** Also tells {@code timer} the time of every turn of a tracked vat, from now on; null for none. */
    public void timeTurns(TurnTimer timer) {
        this.turnTimer = timer;
    }

    /** Live CapTP sessions, as {@link #trackSessions} reports them; 0 before. */
    public int sessions() {
        return sessions.get();
    }

    /** Vats alive, as {@link #trackSessions} reports them; 0 before. */
    public int vatCount() {
        return vatCount.get();
    }

    /** The live sessions as they stand now, as {@link #trackPeers} reports them. */
    public List<PeerStatus> peers() {
        return peers.get();
    }

    /** The counts of every tracked vat as they stand now. */
    public List<VatCounts> vatCounts() {
        return vats.values().stream()
                .map(m -> new VatCounts(m.name(), Math.max(0, m.queued().get()), (long) m.messages().count()))
                .toList();
    }

    /** Counts one session that ended. */
    public void sessionLost() {
        sessionsLost.increment();
    }

    /** Meters {@code vat}, labelled {@code name}, from now on. */
    public void track(Vat vat, String name) {
        AtomicLong queued = new AtomicLong();
        VatMeters meters = new VatMeters(
                Counter.builder("erg.vat.messages").description("eventual sends delivered to the vat")
                        .tag("vat", name).register(registry),
                Timer.builder("erg.vat.turn").description("how long the vat's turns take")
                        .tag("vat", name)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofNanos(1_000))
                        .maximumExpectedValue(Duration.ofSeconds(10))
                        .register(registry),
                queued, new TurnLog(), name);
        Gauge.builder("erg.vat.queue.depth", queued, q -> Math.max(0, q.get()))
                .description("turns queued for the vat and not yet finished")
                .tag("vat", name)
                .register(registry);
        vats.put(vat, meters);
    }

    /** Turns queued for {@code vat} and not yet finished (the one running included), or 0 if it is not tracked. */
    public long queueDepth(Vat vat) {
        VatMeters m = vats.get(vat);
        return m == null ? 0 : Math.max(0, m.queued().get());
    }

    /** Turns {@code vat} has run, or 0 if it is not tracked. */
    public long turns(Vat vat) {
        VatMeters m = vats.get(vat);
        return m == null ? 0 : m.turns().count();
    }

    /** Eventual sends delivered to {@code vat}, or 0 if it is not tracked. */
    public long messages(Vat vat) {
        VatMeters m = vats.get(vat);
        return m == null ? 0 : (long) m.messages().count();
    }

    /**
     * How long {@code vat}'s turns took, counted in decades, fastest first: under 10 µs, 100 µs,
     * 1 ms, 10 ms, 100 ms, 1 s, and longer; empty if it is not tracked.
     */
    public List<Long> turnDecades(Vat vat) {
        VatMeters m = vats.get(vat);
        return m == null ? List.of() : m.log().decades();
    }

    /** The last turns of {@code vat}, newest first, at most {@value TurnLog#RECENT}; empty if it is not tracked. */
    public List<RecentTurn> recentTurns(Vat vat) {
        VatMeters m = vats.get(vat);
        return m == null ? List.of() : m.log().recent(System.nanoTime());
    }

    /** Every meter in the Prometheus text format. */
    public String scrape() {
        sessionMeters.sync(peers.get());
        brokenPromises.sync();
        return registry.scrape();
    }

    @Override
    public void queued(Vat vat, boolean message) {
        VatMeters m = vats.get(vat);
        if (m != null) {
            m.queued().incrementAndGet();
            if (message) {
                m.messages().increment();
            }
        }
    }

    @Override
    public void ran(Vat vat, long nanos) {
        VatMeters m = vats.get(vat);
        if (m != null) {
            m.queued().decrementAndGet();
            m.turns().record(nanos, TimeUnit.NANOSECONDS);
            m.log().ran(System.nanoTime(), nanos);
            TurnTimer timer = turnTimer;
            if (timer != null) {
                timer.ran(m.name(), nanos);
            }
        }
    }

    private record VatMeters(Counter messages, Timer turns, AtomicLong queued, TurnLog log, String name) {
    }
}
