package dev.erg.server.durable;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.crypto.VatId;
import dev.erg.net.Node;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The durable objects of one vat-server: its store, the engine that runs their turns, the
 * outbox that delivers their letters and the mailbox that receives others'.
 *
 * <p>Open it, make the services' roots with {@link #root}, then {@link #attach} it to the
 * node: from then on the mailbox receives and the outbox delivers, including the letters
 * stored before a restart.
 */
public final class DurableHost implements AutoCloseable {

    /** The problem kind of a durable call broken because the store failed or is unreachable. */
    public static final String STORE_UNAVAILABLE = "StoreUnavailable";

    /** The problem kind of a durable call broken because another vat-server has claimed the vat's store. */
    public static final String FENCED = "Fenced";

    /** How long a server's claim on its store lasts without a commit or renewal. */
    public static final Duration LEASE = Duration.ofSeconds(10);

    private final Engine engine;
    private final Map<String, Kind<?, ?>> kinds;
    private final Map<Object, Long> exported = Collections.synchronizedMap(new IdentityHashMap<>());
    /** The receiving ends of durable streams, which letters reach and the network does not. */
    private final Map<SwissNumber, Long> inlets = new ConcurrentHashMap<>();
    private final Alarms alarms;
    private volatile Pump pump;
    private volatile Node node;

    private DurableHost(Engine engine, Map<String, Kind<?, ?>> kinds, Alarms alarms) {
        this.engine = engine;
        this.kinds = kinds;
        this.alarms = alarms;
    }

    /**
     * Opens the store of vat {@code vatId} at {@code storage}, counting one more generation,
     * and starts its engine, which commits up to {@code maxBatch} turns at a time (1: each
     * turn alone).
     *
     * @throws StoredDataException if the store cannot be opened, belongs to another vat, or
     *                             another server's lease on it holds
     */
    public static DurableHost open(Storage storage, VatId vatId, int maxBatch) {
        return open(storage, vatId, maxBatch, Connector.of(storage), LEASE);
    }

    /** As {@link #open(Storage, VatId, int)}, connecting through {@code connector}, with leases of {@code lease}. */
    static DurableHost open(Storage storage, VatId vatId, int maxBatch, Connector connector, Duration lease) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch: " + maxBatch + " (expected: >= 1)");
        }
        Map<String, Kind<?, ?>> kinds = new ConcurrentHashMap<>();
        kinds.put(Outlet.KIND.name(), Outlet.KIND);
        kinds.put(Inlet.KIND.name(), Inlet.KIND);
        Alarms alarms = new Alarms();
        JdbcStore store = JdbcStore.open(storage, vatId.toString(), connector, lease);
        DurableHost[] self = new DurableHost[1];
        Engine engine;
        try {
            engine = new Engine(store, vatId.toString(), kinds, maxBatch, swiss -> self[0].target(swiss), alarms);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        self[0] = new DurableHost(engine, kinds, alarms);
        engine.startThread();
        return self[0];
    }

    /**
     * The root object of {@code service}, of {@code kind}, exported from {@code vat}: made with
     * {@code initial()} the first time, found in the store after.
     *
     * @throws StoredDataException      if the stored root is of another kind or cannot be read
     * @throws IllegalArgumentException if another kind of the same name was bound before
     */
    public <S extends Record, T> T root(String service, Vat vat, Kind<S, T> kind, Supplier<S> initial) {
        Objects.requireNonNull(initial, "initial");
        bindKind(kind);
        return exportProxy(vat, engine.root(service, kind, initial), kind);
    }

    private <T> T exportProxy(Vat vat, long id, Kind<?, T> kind) {
        T ref = vat.export(LiveProxy.of(engine, id, kind), kind.api());
        exported.put(ref, id);
        return ref;
    }

    /**
     * Binds {@code kind} to its code, so that stored objects of it load and turns may make
     * new ones; {@link #root} binds the root's kind itself.
     *
     * @throws IllegalArgumentException if another kind of the same name was bound before
     */
    public void bind(Kind<?, ?> kind) {
        bindKind(Objects.requireNonNull(kind, "kind"));
    }

    private void bindKind(Kind<?, ?> kind) {
        Kind<?, ?> bound = kinds.putIfAbsent(kind.name(), kind);
        if (bound != null && bound != kind) {
            throw new IllegalArgumentException("two kinds are called " + kind.name() + "; a kind's name must be unique");
        }
    }

    /**
     * The kinds of stored objects that no service has bound to code, each with its number of
     * objects: a start with any of them left is refused, since those objects could not answer.
     */
    public Map<String, Long> unboundKinds() {
        return engine.call(engine::unboundKinds);
    }

    /**
     * Starts receiving letters at {@link Mailbox#SWISS} on {@code node} (whose hints are
     * {@code hints}) in {@code mailboxVat}, which also offers the objects turns make, and
     * delivering stored and new letters from {@code pumpVat}.
     */
    public void attach(Node node, List<InetSocketAddress> hints, Vat mailboxVat, Vat pumpVat) {
        this.node = node;
        Mailbox mailbox = mailboxVat.export(new MailboxService(engine), Mailbox.class);
        node.reinstate(new SturdyRef(node.vatId(), hints, Mailbox.SWISS), mailbox);
        Pump started = new Pump(pumpVat, node, engine, mailbox);
        pump = started;
        engine.attach(started, new Exports() {
            @Override
            public SturdyRef sturdyRef(SwissNumber swiss) {
                return new SturdyRef(node.vatId(), hints, swiss);
            }

            @Override
            public void export(long id, Kind<?, ?> kind, SwissNumber swiss) {
                if (kind == Inlet.KIND) {
                    inlets.put(swiss, id);
                    return;
                }
                node.reinstate(sturdyRef(swiss), exportProxy(mailboxVat, id, kind));
            }
        });
    }

    private Long target(SwissNumber swiss) {
        Long inlet = inlets.get(swiss);
        if (inlet != null) {
            return inlet;
        }
        Node at = node;
        return at == null ? null : at.lookup(swiss).map(exported::get).orElse(null);
    }

    /**
     * Sends the letters waiting in the stopped outbox towards vat {@code vat} again, on a new
     * stream that the receiver takes as one it has never seen, and answers how many. An
     * operator's decision after an amnesia alarm: the receiver may consume again letters it
     * had consumed, and letters whose receipts this vat had stored are not sent again.
     *
     * @throws IllegalArgumentException if this vat has never sent to {@code vat}
     * @throws IllegalStateException    if that outbox is not stopped
     */
    public int resumeOutbox(String vat) {
        return engine.resume(vat);
    }

    /** How many times this store has been started, this start included. */
    public long generation() {
        return engine.generation();
    }

    /** Turns committed since the start. */
    public long turns() {
        return engine.turns();
    }

    /** Commits made since the start. */
    public long commits() {
        return engine.commits();
    }

    /** Whether the store can be used now, and since when. */
    public StoreStatus store() {
        return engine.storeStatus();
    }

    /**
     * What an operator must look into and has not acknowledged, such as a peer or this vat
     * restored from an old copy, one line each; oldest first.
     */
    public List<String> alarms() {
        return alarms.open().stream().map(Alarm::line).toList();
    }

    /**
     * The alarms, oldest first: those not acknowledged, or with {@code acknowledgedToo} every
     * one the store keeps as well.
     *
     * @throws StoredDataException   if the store cannot be read
     * @throws IllegalStateException if the engine does not answer
     */
    public List<Alarm> alarmList(boolean acknowledgedToo) {
        return acknowledgedToo ? engine.allAlarms() : alarms.open();
    }

    /**
     * Acknowledges alarm {@code id}, in the store; answers whether it was raised and not
     * acknowledged yet.
     *
     * @throws StoredDataException   if the store cannot be written
     * @throws IllegalStateException if the engine does not answer
     */
    public boolean acknowledgeAlarm(long id) {
        return engine.acknowledgeAlarm(id);
    }

    /** The outbox towards each vat this one has sent letters to. */
    public Promise<List<OutboxStatus>> outboxes() {
        Pump p = pump;
        return p == null ? Promise.of(List.of()) : p.status();
    }

    /**
     * Stops delivering letters and dialing receivers, at once; the letters stay stored for the
     * next start. Call it before closing the node, so that nothing dials a closing node.
     */
    public void stopDelivering() {
        Pump p = pump;
        if (p != null) {
            p.stop();
        }
    }

    /**
     * Stops delivering, then stops the engine after the batch it is committing; calls not yet
     * begun are broken.
     */
    @Override
    public void close() {
        stopDelivering();
        engine.close();
    }
}
