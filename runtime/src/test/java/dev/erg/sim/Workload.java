package dev.erg.sim;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.spi.Refs;
import java.util.Collections;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.WeakHashMap;

/**
 * What the actors of a simulated cluster do, each action in a turn of the acting actor: calls,
 * pipelined calls to the actors they make, references passed on (to a third host: a
 * three-party handoff), promises passed on and later resolved or rejected, references dropped,
 * and services fetched by their sturdy refs. Every send is recorded in the {@link Ledger}
 * before it is made, and its answer when it settles.
 */
final class Workload {

    /**
     * Whether a promise still pending may be passed more than once. Off by default: a session
     * that receives the same pending promise twice counts it once, so its exporter never frees
     * it (the gc invariant fails): seed 33 with {@code -Derg.sim.repassPromises=true}.
     */
    private static final boolean REPASS_PROMISES = Boolean.getBoolean("erg.sim.repassPromises");

    private final Cluster cluster;
    private final SplittableRandom random;
    /** The pending promises passed so far, weakly: a promise nobody holds cannot be passed again. */
    private final Set<Object> passedPending = Collections.newSetFromMap(new WeakHashMap<>());

    Workload(Cluster cluster, SplittableRandom random) {
        this.cluster = cluster;
        this.random = random;
    }

    /** One action of {@code actor}, chosen at random; runs in its turn. */
    void act(SimActor actor) {
        if (actor.slots.isEmpty()) {
            fetch(actor, cluster.hosts().get(random.nextInt(cluster.hosts().size())));
            return;
        }
        int r = random.nextInt(100);
        Slot via = actor.slots.get(random.nextInt(actor.slots.size()));
        if (r < 35) {
            call(actor, via);
        } else if (r < 50) {
            make(actor, via);
        } else if (r < 65) {
            keep(actor, via, actor.slots.get(random.nextInt(actor.slots.size())));
        } else if (r < 72) {
            promise(actor, via);
        } else if (r < 82) {
            settleOne(actor);
        } else if (r < 90) {
            actor.slots.remove(via);
            cluster.ledger().note("drop " + via.id + " of " + actor.id);
        } else {
            fetch(actor, cluster.hosts().get(random.nextInt(cluster.hosts().size())));
        }
    }

    /** Fetches the service of {@code host} by its sturdy ref and calls it; returns the call's id. */
    long probe(SimActor actor, Host host) {
        return call(actor, fetch(actor, host));
    }

    private long call(SimActor actor, Slot via) {
        long id = cluster.nextSend();
        cluster.ledger().sent(id, actor.id, via, Ledger.Kind.CALL);
        via.ref.call(id).when(v -> cluster.ledger().fulfilled(id, v), why -> cluster.ledger().broken(id, why));
        return id;
    }

    /** Makes an actor through {@code via} and holds the promise for it, so that calls to it are pipelined. */
    private void make(SimActor actor, Slot via) {
        long id = cluster.nextSend();
        long child = cluster.nextActor();
        cluster.ledger().grant(actor.id, child);
        cluster.ledger().sent(id, actor.id, via, Ledger.Kind.MAKE);
        Promise<Actor> made = via.ref.make(id, child);
        made.when(v -> cluster.ledger().fulfilled(id, id), why -> cluster.ledger().broken(id, why));
        actor.slots.add(new Slot(cluster.nextSlot(), child, made.as(Actor.class)));
    }

    private void keep(SimActor actor, Slot via, Slot given) {
        if (!REPASS_PROMISES && Refs.shorten(given.ref) instanceof Promise<?> pending && !passedPending.add(pending)) {
            call(actor, via);
            return;
        }
        long id = cluster.nextSend();
        cluster.ledger().sent(id, actor.id, via, Ledger.Kind.KEEP);
        via.ref.keep(id, given.ref, given.designates)
                .when(v -> cluster.ledger().fulfilled(id, v), why -> cluster.ledger().broken(id, why));
    }

    /** Passes a new promise through {@code via}, to be resolved or rejected in a later action. */
    private void promise(SimActor actor, Slot via) {
        Deferred<Actor> deferred = Promise.defer();
        long id = cluster.nextDeferred();
        cluster.ledger().grant(actor.id, id);
        actor.open.add(new SimActor.Open(id, deferred.resolver()));
        keep(actor, via, new Slot(cluster.nextSlot(), id, deferred.promise().as(Actor.class)));
    }

    /** Resolves one of the actor's promises to a reference it holds, or rejects it. */
    private void settleOne(SimActor actor) {
        if (actor.open.isEmpty()) {
            return;
        }
        SimActor.Open open = actor.open.remove(random.nextInt(actor.open.size()));
        Slot to = actor.slots.get(random.nextInt(actor.slots.size()));
        if (random.nextInt(4) == 0 || to.designates < 0) {
            reject(open);
        } else {
            cluster.ledger().resolved(open.id(), to.designates);
            open.resolver().resolve(to.ref);
        }
    }

    /** Rejects every promise the actor still holds open; for a quiet end. */
    void rejectAll(SimActor actor) {
        actor.open.forEach(Workload.this::reject);
        actor.open.clear();
    }

    private void reject(SimActor.Open open) {
        cluster.ledger().resolved(open.id(), Ledger.BROKEN);
        open.resolver().reject(Problem.of(Problem.REFUSED, "the simulation rejected promise %d", open.id()));
    }

    /** Adds a reference to the service of {@code host}, fetched by its sturdy ref, to the actor's holdings. */
    private Slot fetch(SimActor actor, Host host) {
        Actor ref;
        if (host == actor.host) {
            ref = host.service().self;
        } else {
            Net.Conn conn = cluster.net().connect(actor.host, host);
            ref = conn == null
                    ? Promise.<Actor>broken(Problem.of(Problem.UNAVAILABLE, "no route to %s", host)).as(Actor.class)
                    : Ref.send(conn.sessionAt(actor.host).peerBootstrap(), "fetch", (Object) host.swiss.clone())
                            .as(Actor.class);
        }
        Slot slot = new Slot(cluster.nextSlot(), host.index, ref);
        actor.slots.add(slot);
        cluster.ledger().note("fetch " + host + " by " + actor.id + " as " + slot.id);
        return slot;
    }
}
