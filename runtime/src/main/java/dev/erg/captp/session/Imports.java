package dev.erg.captp.session;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Resolver;
import dev.erg.vat.spi.Refs;
import dev.erg.vat.spi.RemoteTarget;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.Unreadable;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;

/**
 * The peer's exports we hold, by position, each a {@link Remote} behind our eventual
 * references: weakly held, so that dropping every reference to one is noticed and reported to
 * the peer in a gc-exports with the number of times we received it. Also our promises for the
 * peer's promises, which we listen to. Guarded by the session's lock.
 */
final class Imports {

    /** Notices imports nothing refers to any more; shared, since it needs one thread. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final Session session;
    private final PositionMap<Entry> byPosition = new PositionMap<>();
    private final PositionMap<Promise<Object>> promises = new PositionMap<>();
    /** References refused since the table last had room: a peer that keeps sending them is aborted. */
    private int refusedInARow;
    /** Imports held past which the next collection is asked for ({@link Reclaim}); at least half the limit. */
    private int collectPast;

    Imports(Session session) {
        this.session = session;
    }

    /** The peer's bootstrap object, its export 0; not counted, since position 0 is never freed. */
    Remote bootstrap() {
        synchronized (session) {
            Entry entry = byPosition.get(0);
            Remote remote = entry == null ? null : entry.remote.get();
            if (remote == null) {
                remote = new Remote(session, new Descriptor.Export(0));
                byPosition.put(0, new Entry(remote));
            }
            return remote;
        }
    }

    /** The peer's export at {@code position}, counting one more reference received. */
    Remote of(long position) {
        synchronized (session) {
            Entry entry = byPosition.get(position);
            Remote remote = entry == null ? null : entry.remote.get();
            if (remote == null) {
                remote = new Remote(session, new Descriptor.Export(position));
                entry = new Entry(remote);
                byPosition.put(position, entry);
                int held = counted();
                session.checkLimit("imports", held);
                grown(held);
                if (position != 0) {
                    Entry dropped = entry;
                    CLEANER.register(remote, () -> dropped(position, dropped));
                }
            }
            entry.received++;
            return remote;
        }
    }

    /**
     * Null if a reference to the peer's export (or promise, if {@code promise}) at
     * {@code position} may be received now: one held already always may, a new one while the
     * table has room. Otherwise the refusal to put in its place; the reference is given back
     * at once in a gc-exports, so the peer's count stays right.
     *
     * @throws dev.erg.wire.codec.ProtocolException past as many refusals in a row as the limit
     */
    Unreadable refusal(long position, boolean promise) {
        synchronized (session) {
            Entry entry = byPosition.get(position);
            boolean held = promise ? promises.containsKey(position) : entry != null && entry.remote.get() != null;
            if (held || position == 0 || counted() < session.maxEntries()) {
                refusedInARow = 0;
                return null;
            }
            refusedInARow++;
            session.checkLimit("imports", session.maxEntries() + refusedInARow);
            session.sender.importDropped(position, 1);
            return new Unreadable(Problem.LIMIT_EXCEEDED, "this side holds " + counted()
                    + " references from the peer, its limit; it must drop some before it can take more");
        }
    }

    /**
     * Asks for a collection once the imports held pass half the limit, and again each time
     * they grow by a tenth of it past the fewest held since: dropped imports are then found
     * before the limit refuses the peer's next reference, while a table that holds many in use
     * and stays put asks for no more. A request turned down (another was started less than a
     * second ago) is made again with the next import. Under the lock.
     */
    private void grown(int held) {
        if (held > Math.max(session.maxEntries() / 2, collectPast) && Reclaim.request()) {
            collectPast = held + collectStep();
        }
    }

    /** Removes the import at {@code position}. Under the lock. */
    private void removed(long position) {
        byPosition.remove(position);
        collectPast = Math.min(collectPast, counted() + collectStep());
    }

    private int collectStep() {
        return Math.max(1, session.maxEntries() / 10);
    }

    /** Entries that count against the limit: all but the peer's bootstrap object. Under the lock. */
    private int counted() {
        return byPosition.size() - (byPosition.containsKey(0) ? 1 : 0);
    }

    /** Our promise for the peer's promise at {@code position}; the first time, asks to be told. */
    Promise<Object> promise(long position) {
        synchronized (session) {
            Promise<Object> known = promises.get(position);
            if (known != null) {
                // Received once more: the peer counted it sent, so gc-exports must count it too.
                Entry entry = byPosition.get(position);
                if (entry != null) {
                    entry.received++;
                }
                return known;
            }
            if (session.problem() != null) {
                return Promise.broken(session.problem());
            }
            Deferred<Object> made = Refs.deferPipelined(of(position));
            promises.put(position, made.promise());
            long settler = session.exports.exportSettler(new Settler(made.resolver(), Object.class, -1, null, position));
            session.sender.send(new Message.Listen(new Descriptor.Export(position),
                    new Descriptor.ImportObject(settler), false));
            return made.promise();
        }
    }

    /** The import at {@code position} if it is held, without counting it received again, or null. Under the lock. */
    Remote held(long position) {
        Entry entry = byPosition.get(position);
        return entry == null ? null : entry.remote.get();
    }

    /** The peer settled its promise at {@code position}: a later one there is a new promise. Under the lock. */
    void promiseSettled(long position) {
        promises.remove(position);
    }

    /**
     * A settler at the peer serves once: after telling it, the import is dropped at once and
     * never reported in gc-exports, since the peer frees the settler itself.
     */
    void forget(RemoteTarget told) {
        if (told instanceof Remote remote && remote.target() instanceof Descriptor.Export export) {
            synchronized (session) {
                Entry entry = byPosition.get(export.position());
                if (entry != null && entry.remote.get() == remote) {
                    removed(export.position());
                    entry.forgotten = true;
                }
            }
        }
    }

    /**
     * Asks the peer to tell us when its object at {@code remote}, an import, breaks: a
     * {@code listen} on an object, which the peer answers only with {@code break}. Its settler
     * breaks the import with the session's problem, too, if the session is lost first.
     */
    void watch(Remote remote) {
        // Weakly: a watch must not keep an import that nothing else refers to from being released.
        WeakReference<Remote> watched = new WeakReference<>(remote);
        Resolver<Object> told = new Resolver<>() {
            @Override
            public void resolve(Object value) {
                // The peer breaks a watched object or says nothing: there is nothing to fulfil.
            }

            @Override
            public void forward(Promise<?> other) {
                // As for resolve.
            }

            @Override
            public void reject(Problem why) {
                Remote still = watched.get();
                if (still != null) {
                    still.broke(why);
                }
            }
        };
        Problem lostAlready;
        synchronized (session) {
            // Checked under the lock: once lost() has taken the settlers to break, none may be added.
            lostAlready = session.problem();
            if (lostAlready == null) {
                long settler = session.exports.exportSettler(new Settler(told, Object.class, -1, null, -1));
                session.sender.send(new Message.Listen(remote.target(), new Descriptor.ImportObject(settler), false));
            }
        }
        if (lostAlready != null) {
            remote.broke(lostAlready);
        }
    }

    /**
     * Forgets every import: the session is over. Its exports may hold our promises for the
     * peer's, so keeping either table would keep the other, and all they refer to, reachable.
     * Under the lock.
     */
    void clear() {
        byPosition.clear();
        promises.clear();
    }

    /** Under the lock. */
    int size() {
        return byPosition.size();
    }

    /**
     * Nothing here refers to the import any more: tell the peer how many references to it we
     * received, so that it frees the export unless more are in flight.
     */
    private void dropped(long position, Entry entry) {
        synchronized (session) {
            if (byPosition.get(position) == entry) {
                removed(position);
            }
            if (session.problem() == null && !entry.forgotten) {
                session.sender.importDropped(position, entry.received);
            }
        }
    }

    /** An import: weakly held, so that dropping every reference to it can be noticed. */
    private static final class Entry {
        final WeakReference<Remote> remote;
        long received;
        /** A settler we have told: the peer frees it, so it is not reported. */
        boolean forgotten;

        Entry(Remote remote) {
            this.remote = new WeakReference<>(remote);
        }
    }
}
