package dev.erg.sim;

import dev.erg.vat.Promise;
import dev.erg.vat.Resolver;
import dev.erg.vat.Vat;
import java.util.ArrayList;
import java.util.List;

/**
 * An object of a simulated cluster, near in its vat: it reports every message it receives to
 * the {@link Ledger}, and holds the references it was handed or made, which the workload uses
 * in its turns.
 */
final class SimActor implements Actor {

    /** A promise this actor made and passed on, which it will resolve or reject. */
    record Open(long id, Resolver<Actor> resolver) {
    }

    final long id;
    final Host host;
    final int incarnation;
    final Vat vat;
    final Actor self;
    final List<Slot> slots = new ArrayList<>();
    final List<Open> open = new ArrayList<>();
    private final Cluster cluster;

    SimActor(Cluster cluster, long id, Host host, Vat vat) {
        this.cluster = cluster;
        this.id = id;
        this.host = host;
        this.incarnation = host.incarnation();
        this.vat = vat;
        this.self = vat.export(this, Actor.class);
    }

    /** Whether this actor's host is up and has not restarted since it was made. */
    boolean alive() {
        return host.isUp() && host.incarnation() == incarnation;
    }

    @Override
    public Promise<Long> call(long send) {
        cluster.ledger().arrived(id, send);
        return Promise.of(send);
    }

    @Override
    public Promise<Actor> make(long send, long child) {
        cluster.ledger().arrived(id, send);
        cluster.ledger().grant(id, child);
        return Promise.of(cluster.spawn(host, child).self);
    }

    @Override
    public Promise<Long> keep(long send, Actor ref, long designates) {
        cluster.ledger().arrived(id, send);
        cluster.ledger().grant(id, designates);
        slots.add(new Slot(cluster.nextSlot(), designates, ref));
        return Promise.of(send);
    }

    @Override
    public String toString() {
        return "actor " + id + " on " + host;
    }
}
