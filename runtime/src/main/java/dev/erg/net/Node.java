package dev.erg.net;

import dev.erg.captp.Bootstrap;
import dev.erg.captp.Session;
import dev.erg.captp.SturdyRef;
import dev.erg.captp.SturdyTable;
import dev.erg.crypto.SwissNumber;
import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.Message;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.ProtocolException;
import dev.erg.wire.ReferenceDecoder;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;

/**
 * One vat identity on the network: it listens and dials over {@link Transport}, runs one
 * CapTP {@link Session} per connection, and hands out and resolves {@link SturdyRef}s.
 * References obtained through it are used exactly like references to local vats.
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
    private final Bootstrap bootstrap;
    private final Map<VatId, Session> sessions = new ConcurrentHashMap<>();
    private volatile List<InetSocketAddress> hints = List.of();

    private Node(Transport transport, VatRuntime runtime) {
        this.transport = transport;
        this.vat = runtime.newVat("node " + transport.vatId());
        this.sturdy = new SturdyTable(new SecureRandom(), runtime.timer());
        this.bootstrap = vat.export(sturdy, Bootstrap.class);
    }

    /**
     * A node for {@code identity} whose sessions run their bookkeeping in a vat of
     * {@code runtime}; {@code registry} names the records and enums messages may carry.
     *
     * @throws SSLException if TLS cannot be set up with this identity
     */
    public static Node start(VatIdentity identity, VatRuntime runtime, NetConfig config, PassableRegistry registry)
            throws SSLException {
        return new Node(Transport.start(identity, config, registry), runtime);
    }

    /** The vat id peers see. */
    public VatId vatId() {
        return transport.vatId();
    }

    /**
     * Accepts connections on {@code address}; sturdy refs made afterwards name the bound
     * address as their hint. Returns the bound address.
     *
     * @throws InterruptedException if interrupted while binding
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

    /** Makes {@code ref} designate nothing from now on; returns whether it did. */
    public boolean revoke(SturdyRef ref) {
        return ref.vatId().equals(vatId()) && sturdy.revoke(ref.swiss());
    }

    /**
     * A promise for the object {@code ref} designates, as {@code iface}: dials the hints in
     * order unless a session with that vat exists, checks the peer's key against the vat id,
     * and fetches the object by its swiss number. Breaks with a problem saying why otherwise.
     */
    public <T> Promise<T> connect(SturdyRef ref, Class<T> iface) {
        Deferred<T> result = Promise.defer();
        session(ref.vatId(), ref.hints(), 0).whenComplete((session, failure) -> {
            if (failure != null) {
                result.resolver().reject(Problem.of(Problem.UNAVAILABLE, "cannot reach vat %s: %s",
                        ref.vatId(), failure instanceof LinkException ? failure.getMessage() : String.valueOf(failure)));
                return;
            }
            Promise<Object> fetched = Ref.send(session.peerBootstrap(), "fetch", (Object) ref.swiss().bytes());
            vat.run(() -> fetched.when(
                    object -> result.resolver().resolve(iface.cast(Ref.asType(object, iface))),
                    result.resolver()::reject));
        });
        return result.promise();
    }

    /** Closes every session and listener. */
    @Override
    public void close() {
        transport.close();
        vat.shutdown();
    }

    private CompletableFuture<Session> session(VatId peer, List<InetSocketAddress> hints, int next) {
        Session existing = sessions.get(peer);
        if (existing != null && existing.problem() == null) {
            return CompletableFuture.completedFuture(existing);
        }
        InetSocketAddress hint = hints.get(next);
        SessionHandler handler = new SessionHandler(peer);
        return transport.connect(peer, new InetSocketAddress(hint.getHostString(), hint.getPort()), handler)
                .thenApply(link -> handler.session)
                .exceptionallyCompose(failure -> next + 1 < hints.size()
                        ? session(peer, hints, next + 1)
                        : CompletableFuture.failedFuture(failure instanceof java.util.concurrent.CompletionException c
                                ? c.getCause() : failure));
    }

    private LinkHandler accepted(Link link) {
        return new SessionHandler(link.peer());
    }

    /** Binds one link to one session. */
    private final class SessionHandler implements LinkHandler {
        private final VatId peer;
        private volatile Session session;

        SessionHandler(VatId peer) {
            this.peer = peer;
        }

        @Override
        public void opened(Link link) {
            Session made = new Session(vat, message -> send(link, message), bootstrap, peer.toString());
            session = made;
            sessions.put(peer, made);
        }

        private void send(Link link, Message message) {
            link.send(message, session.encoder());
        }

        @Override
        public ReferenceDecoder references() {
            return session.decoder();
        }

        @Override
        public void received(Link link, Message message) {
            try {
                session.receive(message);
            } catch (ProtocolException e) {
                link.abort(e.abortReason());
            } catch (NotPassableException e) {
                link.abort("protocol: " + e.getMessage());
            }
        }

        @Override
        public void closed(Link link, String reason) {
            Session ended = session;
            if (ended != null) {
                sessions.remove(peer, ended);
                ended.lost(Problem.of(Problem.UNAVAILABLE, "connection to vat %s lost: %s", peer, reason));
            }
        }
    }
}
