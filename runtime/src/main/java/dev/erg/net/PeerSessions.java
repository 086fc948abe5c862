package dev.erg.net;

import dev.erg.captp.session.Session;
import dev.erg.crypto.VatId;
import dev.erg.net.link.Link;
import dev.erg.vat.Problem;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * A node's sessions, one per peer vat, the links they run on, and who is told when one ends.
 *
 * <p>Of two connections between the same vats (crossed hellos, spec section 2) the one the
 * higher vat id dialed is kept. A session is dropped only before anything was taken from it:
 * a connection accepted from a lower vat while this node dials that vat is held, unread, until
 * the dial ends, and then dropped if the dial opened its own session, or kept if it did not.
 */
final class PeerSessions {

    static final String CROSSED_HELLOS = "shutdown: crossed hellos";

    /** What became of a session just opened. */
    enum Fate {
        /** It is the session with its peer. */
        KEPT,
        /** It crossed the session kept with the same peer, and its link is being aborted: nothing it brings is read. */
        DROPPED,
        /** It waits, unread, for this node's own dial of the same peer to end: see {@link #dialEnded}. */
        HELD
    }

    /** A session accepted from a lower vat while this node dials it, and how to let it go on. */
    private record Held(Session session, Link link, Runnable release) {
    }

    private final VatId self;
    private final Map<VatId, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Session, Link> links = new ConcurrentHashMap<>();
    /** Sessions closed because both vats dialed at once; weakly held. */
    private final Set<Session> crossed = Collections.newSetFromMap(new WeakHashMap<>());
    private final List<PeerListener> peerListeners = new CopyOnWriteArrayList<>();
    /** The vats this node dials now; guarded by {@link #sessions}. */
    private final Set<VatId> dialing = new HashSet<>();
    /** Sessions held while this node dials their peers; guarded by {@link #sessions}. */
    private final Map<VatId, Held> held = new HashMap<>();
    /** Completed with the next session kept with a vat, for those who wait for it; guarded by {@link #sessions}. */
    private final Map<VatId, CompletableFuture<Session>> awaited = new HashMap<>();

    PeerSessions(VatId self) {
        this.self = self;
    }

    /** The live session with {@code peer}, or null. */
    Session live(VatId peer) {
        Session existing = sessions.get(peer);
        return existing != null && existing.problem() == null ? existing : null;
    }

    /** The session kept with {@code peer}, or {@code fallback} if there is none. */
    Session current(VatId peer, Session fallback) {
        return sessions.getOrDefault(peer, fallback);
    }

    /** Whether {@code session} was dropped because both vats dialed at once. */
    boolean droppedForCrossing(Session session) {
        synchronized (crossed) {
            return crossed.contains(session);
        }
    }

    /**
     * The live session with {@code peer} now, or the next one kept with it: the peer's own
     * dial after the session this node dialed lost a crossing. Never completed exceptionally.
     */
    CompletableFuture<Session> kept(VatId peer) {
        synchronized (sessions) {
            Session existing = live(peer);
            return existing != null ? CompletableFuture.completedFuture(existing)
                    : awaited.computeIfAbsent(peer, p -> new CompletableFuture<>());
        }
    }

    /** Stops waiting through {@code waiting}, from {@link #kept}, if no session came. */
    void gaveUpWaiting(VatId peer, CompletableFuture<Session> waiting) {
        synchronized (sessions) {
            if (!waiting.isDone()) {
                awaited.remove(peer, waiting);
            }
        }
    }

    void addListener(PeerListener listener) {
        peerListeners.add(listener);
    }

    /**
     * Notes that this node begins to dial {@code peer}, unless a session with it is live;
     * returns that session, or null. {@link #dialEnded} must follow a null.
     */
    Session dialing(VatId peer) {
        synchronized (sessions) {
            Session existing = live(peer);
            if (existing == null) {
                dialing.add(peer);
            }
            return existing;
        }
    }

    /**
     * This node's dial of {@code peer} ended. A session held meanwhile is kept if no other is
     * live (the dial failed), else dropped. Returns the live session with {@code peer}, or null.
     */
    Session dialEnded(VatId peer) {
        Held waiting;
        Session kept;
        synchronized (sessions) {
            dialing.remove(peer);
            waiting = held.remove(peer);
            if (waiting != null && live(peer) == null) {
                sessions.put(peer, waiting.session());
                kept = waiting.session();
            } else {
                kept = live(peer);
            }
        }
        if (waiting != null) {
            if (kept == waiting.session()) {
                waiting.release().run();
            } else {
                drop(waiting.session(), waiting.link());
            }
        }
        completeAwaited(peer);
        return kept;
    }

    /**
     * Records {@code made}, just opened with {@code peer} on {@code link} ({@code dialed} by this
     * vat or accepted from it), as the session with that vat, unless it crossed another; a
     * session {@link Fate#HELD} goes on through {@code release} if it is kept.
     */
    Fate opened(VatId peer, Session made, Link link, boolean dialed, Runnable release) {
        links.put(made, link);
        Fate fate;
        Held superseded = null;
        Session droppedOther = null;
        synchronized (sessions) {
            Session other = live(peer);
            if (dialed) {
                // Our own connection wins over one the lower peer opened while we dialed.
                superseded = held.remove(peer);
            }
            if (other == null && !dialed && dialing.contains(peer) && self.compareTo(peer) > 0) {
                held.put(peer, new Held(made, link, release));
                fate = Fate.HELD;
            } else if (other != null && !keepsNewOne(peer, dialed)) {
                fate = Fate.DROPPED;
            } else {
                droppedOther = other;
                sessions.put(peer, made);
                fate = Fate.KEPT;
            }
        }
        if (superseded != null) {
            drop(superseded.session(), superseded.link());
        }
        if (droppedOther != null) {
            Link otherLink = links.get(droppedOther);
            if (otherLink != null) {
                drop(droppedOther, otherLink);
            }
        }
        if (fate == Fate.DROPPED) {
            drop(made, link);
        }
        if (fate == Fate.KEPT) {
            completeAwaited(peer);
        }
        return fate;
    }

    private void drop(Session session, Link link) {
        synchronized (crossed) {
            crossed.add(session);
        }
        link.abort(CROSSED_HELLOS);
    }

    private void completeAwaited(VatId peer) {
        CompletableFuture<Session> waiting;
        Session kept;
        synchronized (sessions) {
            kept = live(peer);
            waiting = kept == null ? null : awaited.remove(peer);
        }
        if (waiting != null) {
            waiting.complete(kept);
        }
    }

    /**
     * Of two connections between the same vats, the one opened by the higher vat id is
     * kept (spec section 2), so both sides drop the same one.
     */
    private boolean keepsNewOne(VatId peer, boolean dialed) {
        VatId opener = dialed ? self : peer;
        VatId other = dialed ? peer : self;
        return opener.compareTo(other) > 0;
    }

    /** Forgets {@code ended}, whose link with {@code peer} closed for {@code reason}, and breaks it. */
    void closed(VatId peer, Session ended, String reason) {
        links.remove(ended);
        if (reason.equals("peer aborted: " + CROSSED_HELLOS)) {
            // The peer saw both connections first and dropped this one.
            synchronized (crossed) {
                crossed.add(ended);
            }
        }
        boolean wasCurrent;
        synchronized (sessions) {
            Held waiting = held.get(peer);
            if (waiting != null && waiting.session() == ended) {
                held.remove(peer);
            }
            wasCurrent = sessions.remove(peer, ended);
        }
        Problem why = Problem.of(Problem.UNAVAILABLE, "connection to vat %s lost: %s", peer, reason);
        ended.lost(why);
        if (wasCurrent) {
            for (PeerListener listener : peerListeners) {
                listener.lost(peer.toString(), why);
            }
        }
    }

    /** The live sessions, one per peer vat, as they stand now. */
    List<PeerStatus> peers() {
        return sessions.entrySet().stream()
                .filter(e -> e.getValue().problem() == null)
                .map(e -> PeerStatus.of(e.getKey(), e.getValue()))
                .toList();
    }

    /** The number of live sessions. */
    int count() {
        return (int) sessions.values().stream().filter(s -> s.problem() == null).count();
    }

    /** Settlements the peers asked to be told of that are not yet queued, over all sessions. */
    int untoldSettlements() {
        return links.keySet().stream().mapToInt(Session::untoldSettlements).sum();
    }

    /** Sends every peer an abort with {@code reason} and waits, two seconds at most, until each is queued. */
    void abortAll(String reason) {
        links.values().forEach(link -> link.abort(reason));
        // A link leaves the map once its abort is queued for writing; closing the transport
        // sooner would close the channels before the abort frames are flushed.
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!links.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000);
        }
    }
}
