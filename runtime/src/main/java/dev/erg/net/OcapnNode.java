package dev.erg.net;

import dev.erg.captp.session.Bootstrap;
import dev.erg.captp.session.Session;
import dev.erg.captp.session.SturdyTable;
import dev.erg.crypto.SwissNumber;
import dev.erg.ocapn.captp.LocatorUris;
import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.ocapn.captp.SturdyRefLocator;
import dev.erg.ocapn.netlayer.OcapnPeers;
import dev.erg.ocapn.netlayer.TcpTestingOnly;
import dev.erg.ocapn.session.Endpoint;
import dev.erg.ocapn.session.OcapnBootstrap;
import dev.erg.ocapn.session.OcapnHandoffs;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.vat.spi.Refs;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A node that speaks OCapN's CapTP (see {@code spec/ocapn.md}) over the
 * {@code tcp-testing-only} netlayer, beside {@link Node}, which speaks {@code erg/1} over TLS.
 * Peers find it by an {@code ocapn://} locator and fetch its objects by sturdy ref, through
 * the bootstrap object's {@code fetch}. A reference to another OCapN node's object passes to a
 * peer by a three-party handoff: the peer takes it from that node directly.
 *
 * <p>{@code tcp-testing-only} authenticates nothing and encrypts nothing: anyone on the path
 * can read and change what crosses, and can reach any object whose sturdy ref it sees. Use it
 * to test against other OCapN implementations, never for authority worth protecting.
 *
 * <p>Thread-safe.
 */
public final class OcapnNode implements AutoCloseable {

    /** Longest swiss number {@link #sturdyRef(Object, String)} takes. */
    public static final int MAX_CHOSEN_SWISS = 64;

    private final Vat vat;
    private final SturdyTable sturdy;
    private final OcapnBootstrap bootstrapObject;
    private final Object bootstrap;
    private final WireLimits limits;
    private final PassableRegistry registry;
    private final String designator;
    private final TcpTestingOnly netlayer;
    private final OcapnHandoffs handoffs;
    private volatile Endpoint endpoint;
    private volatile boolean listening;

    private OcapnNode(VatRuntime runtime, WireLimits limits, PassableRegistry registry,
                      Function<Vat, Executor> deposits) {
        SecureRandom random = new SecureRandom();
        byte[] name = new byte[16];
        random.nextBytes(name);
        this.designator = HexFormat.of().formatHex(name);
        this.vat = runtime.newVat("ocapn node " + designator);
        this.sturdy = new SturdyTable(random, runtime.timer());
        this.bootstrapObject = new OcapnBootstrap(sturdy);
        this.bootstrap = vat.export(bootstrapObject, Bootstrap.class);
        this.limits = limits;
        this.registry = registry;
        this.netlayer = TcpTestingOnly.start(new OcapnPeers(random), 1);
        PeerLocator self = new PeerLocator(designator, TcpTestingOnly.TRANSPORT, Map.of());
        this.handoffs = new OcapnHandoffs(self, this::sessionWith, deposits.apply(vat),
                OcapnHandoffs.DEPOSIT_WAIT);
        this.endpoint = endpoint(self);
    }

    /** A node whose sessions run their bookkeeping in a vat of {@code runtime}, every operation within {@code limits}. */
    public static OcapnNode start(VatRuntime runtime, WireLimits limits) {
        return start(runtime, limits, PassableRegistry.empty());
    }

    /**
     * As {@link #start(VatRuntime, WireLimits)}; {@code registry} names the records and enums
     * messages may carry, as OCapN tagged values under their wire names.
     */
    public static OcapnNode start(VatRuntime runtime, WireLimits limits, PassableRegistry registry) {
        return new OcapnNode(Objects.requireNonNull(runtime, "runtime"), Objects.requireNonNull(limits, "limits"),
                Objects.requireNonNull(registry, "registry"), vat -> vat::run);
    }

    /**
     * As {@link #start(VatRuntime, WireLimits)}, the deposits of the gifts it gives run by
     * what {@code deposits} makes of its vat: for tests.
     */
    static OcapnNode start(VatRuntime runtime, WireLimits limits, Function<Vat, Executor> deposits) {
        return new OcapnNode(Objects.requireNonNull(runtime, "runtime"), Objects.requireNonNull(limits, "limits"),
                PassableRegistry.empty(), deposits);
    }

    /**
     * Accepts connections on {@code address}; returns the node's {@code ocapn://} locator,
     * whose hints name the address bound, which the node's start-sessions and sturdy refs carry
     * from now on.
     *
     * @throws InterruptedException if interrupted while binding
     */
    public String listen(InetSocketAddress address) throws InterruptedException {
        InetSocketAddress bound = netlayer.listen(address, () -> endpoint);
        endpoint = endpoint(TcpTestingOnly.locator(designator, bound));
        listening = true;
        return LocatorUris.format(endpoint.location());
    }

    /**
     * An {@code ocapn://…/s/…} sturdy ref to {@code ref} (an eventual reference, e.g. from
     * {@link Vat#export}), valid until the node closes.
     *
     * @throws IllegalStateException if the node does not listen yet
     */
    public String sturdyRef(Object ref) {
        if (!listening) {
            throw new IllegalStateException("listen() first: a sturdy ref must say where to find this node");
        }
        SwissNumber swiss = sturdy.register(Objects.requireNonNull(ref, "ref"), null);
        return LocatorUris.format(new SturdyRefLocator(endpoint.location(), swiss.text()));
    }

    /**
     * An {@code ocapn://…/s/…} sturdy ref to {@code ref} under {@code swissNumber}, chosen
     * rather than drawn at random: for objects whose numbers are agreed on beforehand, such as
     * those the public OCapN test suite calls. Such a number is no secret, so whoever can reach
     * the node can reach the object. Replaces what the number designated before.
     *
     * @param swissNumber 1 to {@value #MAX_CHOSEN_SWISS} printable ASCII characters
     * @throws IllegalArgumentException if {@code swissNumber} is not such
     * @throws IllegalStateException    if the node does not listen yet
     */
    public String sturdyRef(Object ref, String swissNumber) {
        if (!listening) {
            throw new IllegalStateException("listen() first: a sturdy ref must say where to find this node");
        }
        if (swissNumber.isEmpty() || swissNumber.length() > MAX_CHOSEN_SWISS
                || !swissNumber.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException("a chosen swiss number is 1 to " + MAX_CHOSEN_SWISS
                    + " printable ASCII characters without spaces");
        }
        bootstrapObject.agree(OcapnBootstrap.fetchArgument(swissNumber), Objects.requireNonNull(ref, "ref"));
        return LocatorUris.format(new SturdyRefLocator(endpoint.location(), swissNumber));
    }

    /**
     * A promise for the object the sturdy ref {@code uri} designates, as {@code iface}: dials
     * its node unless a session with it is open, and asks its bootstrap object to
     * {@code fetch} the swiss number. Breaks with a problem saying why otherwise.
     *
     * @param iface the remote interface to use the object through, or {@code Object}
     * @throws IllegalArgumentException if {@code uri} is not an {@code ocapn://} sturdy ref, or
     *                                  {@code iface} is not a remote interface
     */
    public <T> Promise<T> fetch(String uri, Class<T> iface) {
        SturdyRefLocator ref = LocatorUris.parseSturdyRef(uri);
        if (iface != Object.class) {
            Refs.requireRemoteInterface(iface);
        }
        Deferred<T> result = Promise.defer();
        fetch(ref, iface, result, 3);
        return result.promise();
    }

    private <T> void fetch(SturdyRefLocator ref, Class<T> iface, Deferred<T> result, int triesLeft) {
        netlayer.dial(ref.node(), endpoint).whenComplete((session, failure) -> {
            if (failure != null) {
                result.resolver().reject(problem(failure));
                return;
            }
            BootstrapFetch.fetch(vat, session, OcapnBootstrap.fetchArgument(ref.swissNumber()), iface, result,
                    OcapnNode::droppedForCrossing, triesLeft > 1 ? () -> fetch(ref, iface, result, triesLeft - 1) : null);
        });
    }

    /** The open session with {@code node}, else one dialed to it. */
    private CompletableFuture<Session> sessionWith(PeerLocator node) {
        return netlayer.session(node).map(CompletableFuture::completedFuture)
                .orElseGet(() -> netlayer.dial(node, endpoint));
    }

    /** How many OCapN sessions are open, one per peer node at most. */
    public int sessionCount() {
        return netlayer.sessionCount();
    }

    /** The open sessions, one per peer node: for tests. */
    List<Session> sessions() {
        return netlayer.sessions();
    }

    /** Closes every session and listener. */
    @Override
    public void close() {
        netlayer.close();
        vat.shutdown();
    }

    private Endpoint endpoint(PeerLocator location) {
        return new Endpoint(vat, bootstrap, location, limits, Session.DEFAULT_MAX_ENTRIES, handoffs, registry);
    }

    /** Whether {@code session} ended because the peer's connection was kept instead: ask that one. */
    private static boolean droppedForCrossing(Session session) {
        Problem why = session.problem();
        return why != null && why.message().contains("crossed hellos");
    }

    private static Problem problem(Throwable failure) {
        Throwable why = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        return why instanceof ProblemException p ? p.problem()
                : Problem.of(Problem.UNAVAILABLE, "OCapN session failed: %s", why);
    }
}
