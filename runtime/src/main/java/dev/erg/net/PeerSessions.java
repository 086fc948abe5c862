package dev.erg.net;

import dev.erg.captp.session.Session;
import dev.erg.crypto.VatId;
import dev.erg.net.link.Link;
import dev.erg.vat.Problem;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/** A node's sessions, one per peer vat, the links they run on, and who is told when one ends. */
final class PeerSessions {

    private static final String CROSSED_HELLOS = "shutdown: crossed hellos";

    private final VatId self;
    private final Map<VatId, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Session, Link> links = new ConcurrentHashMap<>();
    /** Sessions closed because both vats dialed at once; weakly held. */
    private final Set<Session> crossed = Collections.newSetFromMap(new WeakHashMap<>());
    private final List<PeerListener> peerListeners = new CopyOnWriteArrayList<>();

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

    void addListener(PeerListener listener) {
        peerListeners.add(listener);
    }

    /**
     * Records {@code made}, just opened with {@code peer} on {@code link} ({@code dialed} by this
     * vat or accepted from it), as the session with that vat, unless it crossed another.
     */
    void opened(VatId peer, Session made, Link link, boolean dialed) {
        links.put(made, link);
        synchronized (sessions) {
            Session other = sessions.get(peer);
            if (other != null && other.problem() == null) {
                // Crossed hellos: two connections between the same vats; drop one of them.
                boolean keepNew = keepsNewOne(peer, dialed);
                synchronized (crossed) {
                    crossed.add(keepNew ? other : made);
                }
                Link dropped = keepNew ? links.get(other) : link;
                if (dropped == link) {
                    link.abort(CROSSED_HELLOS);
                    return;
                }
                if (dropped != null) {
                    dropped.abort(CROSSED_HELLOS);
                }
            }
            sessions.put(peer, made);
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
        boolean wasCurrent = sessions.remove(peer, ended);
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
