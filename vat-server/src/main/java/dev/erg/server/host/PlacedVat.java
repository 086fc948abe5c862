package dev.erg.server.host;

import dev.erg.captp.SturdyRef;
import dev.erg.net.Listener;
import dev.erg.net.Node;
import dev.erg.server.cluster.Placement;
import dev.erg.server.durable.DurableHost;
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

/**
 * One placed vat this server hosts: its own node on the shared listener, answering to its own
 * key, its durable state opened from the cluster's store (which fences whoever held it
 * before), the configured service made in it, and its root offered under the sturdy ref
 * derived from its key.
 */
final class PlacedVat implements AutoCloseable {

    /**
     * Rounds of the service's vat with no settlement told in which the drain ends: what is left
     * waits on something other than the stopped engine, and will break when the sessions end.
     */
    private static final int STEADY_ROUNDS = 10;
    /** The pause between rounds, letting threads other than the service's vat settle what they carry. */
    private static final long ROUND_PAUSE_MILLIS = 2;
    /** The longest the drain waits, whatever is left. */
    private static final long DRAIN_LIMIT_MILLIS = 2_000;

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
        Durables own = new ServiceDurables(durables, placement.service(), vat);
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
     * host; and every answer the committed turns settle is queued for its caller before the
     * sessions end, behind which their abort is sent.
     */
    void quiesce() {
        listener.detach(node);
        durables.stopDelivering();
        durables.close();
        drain(vats.getFirst());
    }

    /**
     * Waits until every settlement the callers asked for is told, or the number untold has not
     * changed for {@value #STEADY_ROUNDS} rounds of {@code service} (those left wait on
     * something else), or {@value #DRAIN_LIMIT_MILLIS} ms have passed.
     */
    private void drain(Vat service) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_LIMIT_MILLIS);
        int last = -1;
        int steady = 0;
        try {
            while (System.nanoTime() < deadline) {
                CountDownLatch ran = new CountDownLatch(1);
                service.run(ran::countDown);
                ran.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                int untold = node.untoldSettlements();
                if (untold == 0) {
                    return;
                }
                steady = untold == last ? steady + 1 : 0;
                if (steady >= STEADY_ROUNDS) {
                    return;
                }
                last = untold;
                Thread.sleep(ROUND_PAUSE_MILLIS);
            }
        } catch (IllegalStateException e) {
            // The service vat is shut down already: nothing more will be settled.
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
