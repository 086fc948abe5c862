package dev.erg.captp.session;

import dev.erg.crypto.SwissNumber;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Timer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects one vat makes reachable by sturdy ref, by swiss number; it is also the
 * {@link Bootstrap} peers fetch them from. Swiss numbers come from a CSPRNG and are compared in
 * constant time (a hash lookup finds the candidate, then its bytes are compared in full).
 * Thread-safe.
 */
public final class SturdyTable implements Bootstrap {

    /** What every failed fetch says, so that a guesser learns nothing. */
    public static final Problem NOT_FOUND = new Problem("NotFound", "no object is registered under this swiss number");

    private record Entry(SwissNumber swiss, Object object, Instant expires) {
    }

    private final Map<SwissNumber, Entry> entries = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final Timer timer;

    /** A table whose numbers come from {@code random} and whose expiries are read from {@code timer}. */
    public SturdyTable(SecureRandom random, Timer timer) {
        this.random = random;
        this.timer = timer;
    }

    /** Registers {@code object} under a new swiss number, until revoked or {@code expires} (null: never). */
    public SwissNumber register(Object object, Instant expires) {
        SwissNumber swiss;
        synchronized (random) {
            swiss = SwissNumber.random(random);
        }
        entries.put(swiss, new Entry(swiss, object, expires));
        return swiss;
    }

    /**
     * Registers {@code object} under a swiss number this table (or a previous run of it)
     * issued: how a server restores its sturdy refs after a restart.
     */
    public void reinstate(SwissNumber swiss, Object object, Instant expires) {
        entries.put(swiss, new Entry(swiss, object, expires));
    }

    /** Forgets {@code swiss}; returns whether it was registered. */
    public boolean revoke(SwissNumber swiss) {
        return entries.remove(swiss) != null;
    }

    /** The object registered under {@code swiss}, if any and not expired. */
    public Optional<Object> lookup(SwissNumber swiss) {
        Entry e = entries.get(swiss);
        if (e == null || !e.swiss().equals(swiss)) {
            return Optional.empty();
        }
        if (e.expires() != null && !timer.now().isBefore(e.expires())) {
            entries.remove(swiss, e);
            return Optional.empty();
        }
        return Optional.of(e.object());
    }

    @Override
    public void ping() {
        // A keep-alive: hearing it is all that matters.
    }

    /** The object registered under the swiss number {@code swiss} as a peer sent it, if any and not expired. */
    public Optional<Object> find(byte[] swiss) {
        if (swiss == null || swiss.length != SwissNumber.LENGTH) {
            return Optional.empty();
        }
        return lookup(SwissNumber.fromBytes(swiss));
    }

    @Override
    public Promise<Object> fetch(byte[] swiss) {
        return find(swiss).map(Promise::of).orElseGet(() -> Promise.broken(NOT_FOUND));
    }
}
