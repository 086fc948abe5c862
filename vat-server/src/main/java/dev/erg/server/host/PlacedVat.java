package dev.erg.server.host;

import dev.erg.captp.SturdyRef;
import dev.erg.net.Listener;
import dev.erg.net.Node;
import dev.erg.server.cluster.Placement;
import dev.erg.server.durable.DurableHost;
import dev.erg.server.durable.Kind;
import dev.erg.server.spi.Durables;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import dev.erg.vat.Vat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One placed vat this server hosts: its own node on the shared listener, answering to its own
 * key, its durable state opened from the cluster's store (which fences whoever held it
 * before), the configured service made in it, and its root offered under the sturdy ref
 * derived from its key.
 */
final class PlacedVat implements AutoCloseable {

    /**
     * Turns of the service's vat waited for after its engine stops: an answer settled by the
     * engine's last batch resolves in one turn and may forward a promise in the next.
     */
    private static final int FLUSH_ROUNDS = 3;
    /** How long the node's vat is given to write those answers before the sessions end. */
    private static final long ANSWER_GRACE_MILLIS = 100;

    private final Placement placement;
    private final Listener listener;
    private final Node node;
    private final DurableHost durables;
    private final List<Vat> vats;
    private final SturdyRef root;

    private PlacedVat(Placement placement, Listener listener, Node node, DurableHost durables, List<Vat> vats,
                      SturdyRef root) {
        this.placement = placement;
        this.listener = listener;
        this.node = node;
        this.durables = durables;
        this.vats = List.copyOf(vats);
        this.root = root;
    }

    /**
     * Hosts the vat {@code placement} names, with key {@code key}, in {@code env}: opens its
     * durable state, starts its node, makes its service with {@code maker}, and only then
     * offers it.
     *
     * @throws RuntimeException saying why it cannot be hosted now: its store is held, its
     *                          service fails to start; nothing is left running
     */
    static PlacedVat start(Placement placement, PlacedKey key, ServiceMaker maker, PlacedVats.Env env) {
        List<Vat> vats = new ArrayList<>();
        DurableHost durables = DurableHost.open(env.storage(), key.identity().vatId(), env.commitBatch());
        Node node = null;
        try {
            String name = placement.service() + " " + key.identity().vatId().toString().substring(0, 8);
            Vat vat = env.runtime().newVat(name);
            vats.add(vat);
            node = Node.start(key.identity(), env.runtime(), env.registry(), env.listener());
            Object ref = make(placement, maker, vat, node, durables, env);
            SturdyRef root = new SturdyRef(node.vatId(), env.hints(), key.rootSwiss());
            node.reinstate(root, ref);
            Vat mailbox = env.runtime().newVat("mailbox " + name);
            Vat outbox = env.runtime().newVat("outbox " + name);
            vats.add(mailbox);
            vats.add(outbox);
            durables.attach(node, env.hints(), mailbox, outbox);
            return new PlacedVat(placement, env.listener(), node, durables, vats, root);
        } catch (RuntimeException | Error e) {
            durables.stopDelivering();
            if (node != null) {
                node.close("the vat could not start here: " + e.getMessage());
            }
            durables.close();
            vats.forEach(Vat::shutdown);
            throw e;
        }
    }

    private static Object make(Placement placement, ServiceMaker maker, Vat vat, Node node, DurableHost durables,
                               PlacedVats.Env env) {
        Durables own = new Durables() {
            @Override
            public <S extends Record, T> T root(Kind<S, T> kind, Supplier<S> initial) {
                return durables.root(placement.service(), vat, kind, initial);
            }

            @Override
            public void bind(Kind<?, ?> kind) {
                durables.bind(kind);
            }
        };
        Object ref = maker.make(new ServiceContext(placement.service(), vat,
                env.directory().resolve(placement.vat().toString()), new NodeNetwork(node, env.hints()), own, env.host()));
        if (ref == null || Ref.kind(ref) != RefKind.EVENTUAL) {
            throw new IllegalStateException("service maker " + maker.name() + " returned " + (ref == null ? "null"
                    : "a near " + ref.getClass().getSimpleName()) + " for a placed vat");
        }
        return ref;
    }

    /** Where the directory placed it when this server began hosting it. */
    Placement placement() {
        return placement;
    }

    /** The sturdy ref of its root object, the same on every server. */
    SturdyRef root() {
        return root;
    }

    /** Its durable state's engine: turns, commits and the store's health. */
    DurableHost durables() {
        return durables;
    }

    /**
     * Stops it at a turn boundary, for a hand-over: new dialers are redirected at once; no more
     * letters go out (they stay stored, for the next host); the engine finishes the batch it is
     * committing and refuses every call not begun, which may then be sent again to the next
     * host; and the answers of the committed turns are let out before the sessions end.
     */
    void quiesce() {
        listener.detach(node);
        durables.stopDelivering();
        durables.close();
        Vat service = vats.getFirst();
        try {
            for (int round = 0; round < FLUSH_ROUNDS; round++) {
                CountDownLatch ran = new CountDownLatch(1);
                service.run(ran::countDown);
                ran.await(1, TimeUnit.SECONDS);
            }
            // The node's own vat writes the answers the service vat settled; it is not reachable
            // from here, so it is given a moment rather than a turn of its own.
            Thread.sleep(ANSWER_GRACE_MILLIS);
        } catch (IllegalStateException e) {
            // The service vat is shut down already: nothing more will be answered.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends its sessions with {@code reason}, once {@link #quiesce quiesced}, and its vats. */
    void end(String reason) {
        node.close(reason);
        vats.forEach(Vat::shutdown);
    }

    /** Stops hosting it: {@link #quiesce}, then {@link #end} with {@code reason}. */
    void stop(String reason) {
        quiesce();
        end(reason);
    }

    @Override
    public void close() {
        stop("the vat-server is shutting down");
    }
}
