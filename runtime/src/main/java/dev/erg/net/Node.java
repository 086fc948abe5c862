package dev.erg.net;

import dev.erg.captp.session.Bootstrap;
import dev.erg.captp.session.Handoffs;
import dev.erg.captp.session.Session;
import dev.erg.captp.SturdyRef;
import dev.erg.captp.session.SturdyTable;
import dev.erg.crypto.SwissNumber;
import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.link.Link;
import dev.erg.net.link.LinkException;
import dev.erg.net.link.LinkHandler;
import dev.erg.net.link.Transport;
import dev.erg.net.link.VatPort;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.vat.spi.Refs;
import dev.erg.wire.PassableRegistry;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;

/**
 * One vat identity on the network: it listens and dials over {@link Transport}, runs one
 * CapTP {@link Session} per connection, and hands out and resolves {@link SturdyRef}s.
 * References obtained through it are used exactly like references to local vats. A node
 * listens on a port of its own ({@link #listen}) or on a {@link Listener} it shares with the
 * other vats of a server ({@link #start(VatIdentity, VatRuntime, PassableRegistry, Listener)}).
 * Its connections run on I/O threads of its own, or on {@link IoThreads} that many nodes of one
 * process share.
 * It names the vat it dials as TLS server name and follows a listener's redirects to where
 * that vat lives now.
 *
 * {@snippet :
 * Node bob = Node.start(bobIdentity, runtime, NetConfig.defaults(), PassableRegistry.empty());
 * bob.listen(new InetSocketAddress("127.0.0.1", 7000));
 * SturdyRef ref = bob.sturdyRef(counterVat.export(new Tally(), Counter.class), null);
 * // elsewhere, given ref's text:
 * Promise<Counter> counter = alice.connect(SturdyRef.parse(text), Counter.class);
 * }
 */
public final class Node implements AutoCloseable {

    private final Transport transport;
    private final Vat vat;
    private final SturdyTable sturdy;
    private final FetchThrottle throttle;
    private final Handoffs handoffs;
    private final PeerSessions sessions;
    private final VatDialer dialer;
    private volatile List<InetSocketAddress> hints = List.of();
    /** The listener this node shares, or null if it listens on its own. */
    private final Listener listener;

    private Node(Transport transport, VatIdentity identity, VatRuntime runtime, Listener listener) {
        this.transport = transport;
        this.listener = listener;
        this.vat = runtime.newVat("node " + transport.vatId());
        SecureRandom random = new SecureRandom();
        this.sturdy = new SturdyTable(random, runtime.timer());
        this.throttle = new FetchThrottle(transport.config().admission().failedFetchesPerSecond(), System::nanoTime);
        this.sessions = new PeerSessions(transport.vatId());
        this.dialer = new VatDialer(transport, sessions, peer -> handler(peer, true));
        this.handoffs = new Handoffs(identity, vat, dialer::sessionFor, random);
    }

    /**
     * A node for {@code identity} whose sessions run their bookkeeping in a vat of
     * {@code runtime}; {@code registry} names the records and enums messages may carry.
     *
     * @throws SSLException if TLS cannot be set up with this identity
     */
    public static Node start(VatIdentity identity, VatRuntime runtime, NetConfig config, PassableRegistry registry)
            throws SSLException {
        return new Node(Transport.start(identity, config, registry), identity, runtime, null);
    }

    /**
     * A node like {@link #start(VatIdentity, VatRuntime, NetConfig, PassableRegistry)} whose
     * connections run on {@code threads}, shared with other nodes of this process, instead of
     * I/O threads of its own ({@code config}'s number of I/O threads is not used). Closing the
     * node leaves {@code threads} running; closing them is the caller's.
     *
     * @throws SSLException if TLS cannot be set up with this identity
     */
    public static Node start(VatIdentity identity, VatRuntime runtime, NetConfig config, PassableRegistry registry,
                             IoThreads threads) throws SSLException {
        Objects.requireNonNull(threads, "threads");
        return new Node(Transport.start(identity, config, registry, threads.loops()), identity, runtime, null);
    }

    /**
     * A node for {@code identity} that accepts connections on {@code listener}, shared with
     * other vats, and dials on its I/O threads with its configuration. It is attached at
     * once: dialers that name its vat reach it, and its sturdy refs name the listener's address.
     *
     * @throws IllegalArgumentException if another node of the same vat is attached to {@code listener}
     */
    public static Node start(VatIdentity identity, VatRuntime runtime, PassableRegistry registry, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        Node node = new Node(Transport.start(identity, registry, listener.port()), identity, runtime, listener);
        InetSocketAddress bound = listener.address();
        node.hints = List.of(InetSocketAddress.createUnresolved(bound.getHostString(), bound.getPort()));
        try {
            listener.attach(node);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    /** The vat id peers see. */
    public VatId vatId() {
        return transport.vatId();
    }

    /**
     * Accepts connections on {@code address}, on a listener of this node alone; sturdy refs
     * made afterwards name the bound address as their hint. Returns the bound address.
     *
     * @throws InterruptedException  if interrupted while binding
     * @throws IllegalStateException if the node was started on a shared {@link Listener}
     */
    public InetSocketAddress listen(InetSocketAddress address) throws InterruptedException {
        InetSocketAddress bound = transport.listen(address, this::accepted);
        hints = List.of(InetSocketAddress.createUnresolved(bound.getHostString(), bound.getPort()));
        return bound;
    }

    /**
     * A sturdy ref to {@code ref} (an eventual reference, e.g. from {@link Vat#export}), valid
     * until revoked or until {@code ttl} has passed (null: no expiry).
     *
     * @throws IllegalStateException if the node is not listening
     */
    public SturdyRef sturdyRef(Object ref, Duration ttl) {
        if (hints.isEmpty()) {
            throw new IllegalStateException("listen() first: a sturdy ref must say where to find this node");
        }
        Instant expires = ttl == null ? null : vat.timer().now().plus(ttl);
        SwissNumber swiss = sturdy.register(Objects.requireNonNull(ref, "ref"), expires);
        return new SturdyRef(vatId(), hints, swiss);
    }

    /**
     * Makes {@code ref}, issued by this vat before a restart, designate {@code object} again.
     *
     * @throws IllegalArgumentException if {@code ref} names another vat
     */
    public void reinstate(SturdyRef ref, Object object) {
        if (!ref.vatId().equals(vatId())) {
            throw new IllegalArgumentException("sturdy ref of vat " + ref.vatId() + " cannot be reinstated by vat " + vatId());
        }
        sturdy.reinstate(ref.swiss(), Objects.requireNonNull(object, "object"), null);
    }

    /**
     * What {@code swiss} designates on this node now, if anything: for services that receive
     * sturdy refs' swiss numbers as data, such as a durable mailbox.
     */
    public Optional<Object> lookup(SwissNumber swiss) {
        return sturdy.lookup(Objects.requireNonNull(swiss, "swiss"));
    }

    /** Makes {@code ref} designate nothing from now on; returns whether it did. */
    public boolean revoke(SturdyRef ref) {
        return ref.vatId().equals(vatId()) && sturdy.revoke(ref.swiss());
    }

    /**
     * A promise for the object {@code ref} designates, as {@code iface}: dials the hints in
     * order unless a session with that vat exists, checks the peer's key against the vat id,
     * and fetches the object by its swiss number. Breaks with a problem saying why otherwise.
     *
     * @param iface the remote interface to use the object through, or {@code Object} for an
     *              untyped reference, sent to by method name with {@link Ref#send}
     * @throws IllegalArgumentException if {@code iface} is not a remote interface whose
     *                                  methods can all be called across vats
     */
    public <T> Promise<T> connect(SturdyRef ref, Class<T> iface) {
        if (iface != Object.class) {
            Refs.requireRemoteInterface(iface);
        }
        Deferred<T> result = Promise.defer();
        fetch(ref, iface, result, 5, false);
        return result.promise();
    }

    /**
     * Fetches {@code ref} over the session with its vat, or, {@code afterCrossing} the one this
     * node dialed was dropped, over the session the vat dialed once it is open.
     */
    private <T> void fetch(SturdyRef ref, Class<T> iface, Deferred<T> result, int triesLeft, boolean afterCrossing) {
        CompletableFuture<Session> reached = afterCrossing
                ? dialer.afterCrossing(ref.vatId(), ref.hints()) : dialer.dial(ref.vatId(), ref.hints());
        reached.whenComplete((session, failure) -> {
            if (failure != null) {
                Throwable why = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                        ? c.getCause() : failure;
                result.resolver().reject(Problem.of(Problem.UNAVAILABLE, "cannot reach vat %s: %s",
                        ref.vatId(), why instanceof LinkException ? why.getMessage() : String.valueOf(why)));
                return;
            }
            BootstrapFetch.fetch(vat, session, ref.swiss().bytes(), iface, result, sessions::droppedForCrossing,
                    triesLeft > 1 ? () -> fetch(ref, iface, result, triesLeft - 1, true) : null);
        });
    }

    /**
     * Watches the vat {@code ref} names: {@code listener} is told each time that vat becomes
     * reachable (at once if it is), after which {@link #connect} gives a fresh live reference
     * (Joule's {@code Available}). While it is unreachable, the node redials with exponential
     * backoff and jitter, from 100 ms up to one second, so that a vat is reported about a second
     * at most after it is back; the watches of one vat share each dial. Closing the watch stops it.
     *
     * @param listener an eventual reference (e.g. from {@link Vat#export}), so that it is told
     *                 in its own vat
     * @throws IllegalArgumentException if {@code listener} is not an eventual reference
     */
    public Watch watch(SturdyRef ref, AvailabilityListener listener) {
        Objects.requireNonNull(ref, "ref");
        if (Ref.kind(listener) != RefKind.EVENTUAL) {
            throw new IllegalArgumentException("listener must be an eventual reference, e.g. "
                    + "vat.export(listener, AvailabilityListener.class), so that it runs in its own vat");
        }
        Watch watch = new Watch(ref, listener);
        vat.run(() -> watch.attempt(Redial.FIRST));
        return watch;
    }

    /**
     * A reference to the object {@code ref} designates that reconnects by itself: its calls go
     * to a live reference fetched with {@link #connect}, replaced by a fresh one each time the
     * {@linkplain #watch watched} vat is reachable again. While the vat is away (including
     * before the first connection), {@code policy} decides whether calls break at once or wait
     * for it. Close the result to stop reconnecting.
     *
     * {@snippet :
     * Reconnecting<Counter> counter = node.reconnecting(ref, Counter.class, AwayPolicy.queue(100, Duration.ofSeconds(30)));
     * counter.reference().increment(1).when(n -> log("now " + n), problem -> log("lost: " + problem));
     * }
     *
     * @throws IllegalArgumentException if {@code iface} is not a remote interface
     */
    public <T> Reconnecting<T> reconnecting(SturdyRef ref, Class<T> iface, AwayPolicy policy) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(policy, "policy");
        Reconnecting<T> reconnecting = new Reconnecting<>(this, vat, ref, iface, policy);
        reconnecting.start();
        return reconnecting;
    }


    /** A watch on one sturdy ref's vat; see {@link #watch}. Close it to stop redialing. */
    public final class Watch implements AutoCloseable {
        private final SturdyRef ref;
        private final AvailabilityListener listener;
        private volatile boolean closed;

        private Watch(SturdyRef ref, AvailabilityListener listener) {
            this.ref = ref;
            this.listener = listener;
        }

        /** Runs in the node's vat. */
        private void attempt(Duration backoff) {
            if (closed) {
                return;
            }
            dialer.dial(ref.vatId(), ref.hints()).whenComplete((session, failure) -> {
                if (closed) {
                    return;
                }
                if (failure != null) {
                    vat.run(() -> retryAfter(backoff));
                    return;
                }
                listener.available();
                session.whenLost(why -> vat.run(() -> retryAfter(Redial.FIRST)));
            });
        }

        /** Runs in the node's vat: waits a jittered {@code backoff}, then tries again with a longer one. */
        private void retryAfter(Duration backoff) {
            Duration wait = Redial.jittered(backoff, vat.random().nextDouble());
            vat.timer().after(wait).when(x -> attempt(Redial.next(backoff)), p -> { });
        }

        /** Stops watching: no more dials, no more calls to onAvailable. */
        @Override
        public void close() {
            closed = true;
        }
    }

    /**
     * Tells {@code listener} whenever a session with a peer vat ends.
     *
     * @param listener an eventual reference (e.g. from {@link Vat#export})
     * @throws IllegalArgumentException if {@code listener} is not an eventual reference
     */
    public void onSessionLost(PeerListener listener) {
        if (Ref.kind(listener) != RefKind.EVENTUAL) {
            throw new IllegalArgumentException("listener must be an eventual reference, e.g. "
                    + "vat.export(listener, PeerListener.class), so that it runs in its own vat");
        }
        sessions.addListener(listener);
    }

    /** The live sessions, one per peer vat, as they stand now. */
    public List<PeerStatus> peers() {
        return sessions.peers();
    }

    /** The number of live sessions, one per peer vat. */
    public int sessionCount() {
        return sessions.count();
    }

    /**
     * How many settlements this node's peers asked to be told of, over all its sessions, have
     * not yet been queued for sending: answers to their questions not settled yet, or being
     * sent now. A node stopping at a turn boundary waits for those its last turns settle, so
     * that {@link #close(String)} sends them ahead of the abort.
     */
    public int untoldSettlements() {
        return sessions.untoldSettlements();
    }

    /** Closes every session and listener. */
    @Override
    public void close() {
        transport.close();
        vat.shutdown();
    }

    /** The listener this node was started on, or null. */
    Listener listener() {
        return listener;
    }

    /** Accepts the connections {@code port} hands over for this vat. */
    void acceptOn(VatPort port) {
        port.attach(transport, this::accepted);
    }

    /** Stops accepting connections from {@code port}; returns whether it was. */
    boolean leave(VatPort port) {
        return port.detach(transport);
    }

    private LinkHandler accepted(Link link) {
        return handler(link.peer(), false);
    }

    /** A handler binding a link with {@code peer}, {@code dialed} by this node or accepted, to a session. */
    private SessionHandler handler(VatId peer, boolean dialed) {
        return new SessionHandler(peer, dialed, vat, sessions, handoffs,
                link -> vat.export(new GuardedBootstrap(sturdy, throttle, link.remoteAddress(), link.peer()),
                        Bootstrap.class));
    }


    /**
     * Closes like {@link #close()}, having first sent every peer an abort with {@code reason}
     * (which should start with a code such as {@code "shutdown: "}), so that their references
     * to this vat's objects break saying why.
     */
    public void close(String reason) {
        Objects.requireNonNull(reason, "reason");
        sessions.abortAll(reason);
        close();
    }
}
