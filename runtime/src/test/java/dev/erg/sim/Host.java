package dev.erg.sim;

import dev.erg.captp.session.Bootstrap;
import dev.erg.captp.session.Handoffs;
import dev.erg.captp.session.Session;
import dev.erg.captp.session.SturdyTable;
import dev.erg.crypto.Signatures;
import dev.erg.crypto.SwissNumber;
import dev.erg.crypto.VatIdentity;
import dev.erg.vat.Vat;
import dev.erg.wire.codec.Bytes;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated server: a vat identity that survives restarts, a few vats of objects, the
 * sturdy table whose bootstrap every session offers, and the handoffs of its sessions. Its
 * service (actor number {@link #index}) is reachable by a sturdy ref, which a restart
 * reinstates; every other actor it hosts dies with it.
 */
final class Host {

    /** Vats of objects per host. */
    static final int VATS = 2;

    private static final List<VatIdentity> IDENTITIES = new ArrayList<>();

    final int index;
    final VatIdentity identity;
    final Bytes key;
    final byte[] swiss;
    private final Cluster cluster;
    private final List<Vat> vats = new ArrayList<>();
    private boolean up;
    private int incarnation;
    private Handoffs handoffs;
    private Bootstrap bootstrap;
    private SimActor service;

    Host(Cluster cluster, int index) {
        this.cluster = cluster;
        this.index = index;
        this.identity = identity(index);
        this.key = Bytes.of(Signatures.rawPublicKey(identity.publicKey()));
        this.swiss = new byte[SwissNumber.LENGTH];
        for (int i = 0; i < swiss.length; i++) {
            swiss[i] = (byte) (index * 31 + i * 7 + 1);
        }
    }

    /** Starts the host, or starts it again after a crash: new vats, the service reinstated. */
    void start() {
        incarnation++;
        up = true;
        vats.clear();
        Vat home = newVat("home");
        for (int i = 0; i < VATS; i++) {
            newVat("objects-" + i);
        }
        handoffs = new Handoffs(identity, home, (peer, hints) -> {
            Net.Conn conn = cluster.net().connect(this, cluster.host(peer));
            return conn == null
                    ? CompletableFuture.failedFuture(new IllegalStateException("no route from " + this + " to " + peer))
                    : CompletableFuture.completedFuture(conn.sessionAt(this));
        }, seeded(cluster.seed() * 7919 + index * 31L + incarnation));
        SturdyTable sturdy = new SturdyTable(seeded(index), home.timer());
        service = cluster.spawn(this, index);
        sturdy.reinstate(SwissNumber.fromBytes(swiss), service.self, null);
        bootstrap = home.export(sturdy, Bootstrap.class);
    }

    /** Stops every vat of the host; the network has already lost its connections. */
    void crash() {
        up = false;
        for (Vat vat : vats) {
            vat.shutdown();
        }
    }

    /** A vat of this incarnation, shut down when the host crashes. */
    Vat newVat(String role) {
        Vat vat = cluster.runtime().newVat("h" + index + "." + incarnation + " " + role);
        vats.add(vat);
        return vat;
    }

    /** The vat a new actor numbered {@code id} lives in. */
    Vat objectVat(long id) {
        return vats.get(1 + (int) Math.floorMod(id, (long) VATS));
    }

    boolean isUp() {
        return up;
    }

    int incarnation() {
        return incarnation;
    }

    Handoffs handoffs() {
        return handoffs;
    }

    Bootstrap bootstrap() {
        return bootstrap;
    }

    SimActor service() {
        return service;
    }

    /** Registers a new session of this host with its handoffs. */
    void opened(Session session) {
        handoffs.opened(session);
    }

    @Override
    public String toString() {
        return "h" + index;
    }

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The same identity for host {@code index} in every seed: keys are costly to make. */
    private static synchronized VatIdentity identity(int index) {
        while (IDENTITIES.size() <= index) {
            IDENTITIES.add(VatIdentity.generate(seeded(1000 + IDENTITIES.size())));
        }
        return IDENTITIES.get(index);
    }
}
