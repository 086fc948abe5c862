package dev.erg.ocapn.netlayer;

import dev.erg.captp.session.Session;
import dev.erg.crypto.VatIdentity;
import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.ocapn.captp.SessionIds;
import dev.erg.ocapn.session.OcapnConnection;
import dev.erg.ocapn.session.StartSessions;
import dev.erg.ocapn.session.PeerHello;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One node's OCapN peers, by node (designator and transport): the session key it uses with
 * each, and the one connection it keeps with each.
 *
 * <p>Crossed hellos, the draft's rule: when both nodes dial each other at once, the
 * connection kept is the one dialed by the side whose encoded session key sorts higher. For
 * both sides to choose the same one, each must compare the same two keys on both
 * connections, so a node uses one session key per peer node while it has any connection
 * with it: an acceptor answers with the key it dialed that node with. The acceptor waits for
 * the dialer's start-session before sending its own, so it knows whom it answers, and
 * decides then: if it dialed that node too and its key sorts higher, it refuses the
 * connection without answering, so that the one dropped never opens on either side.
 *
 * <p>Thread-safe.
 */
public final class OcapnPeers implements OcapnConnection.Peers {

    private static final class Entry {
        final VatIdentity key;
        int connections;
        int dials;
        /* Accepted connections answered and not yet opened or closed: a dial would cross them. */
        final Set<OcapnConnection> answering = new HashSet<>();
        OcapnConnection kept;

        Entry(VatIdentity key) {
            this.key = key;
        }
    }

    private final SecureRandom random;
    private final Map<String, Entry> byNode = new HashMap<>();
    /* Who waits for the next session with a node, by node: kept apart from the entries, which go with the last connection. */
    private final Map<String, List<CompletableFuture<Session>>> waiting = new HashMap<>();

    /** Peers whose session keys come from {@code random}. */
    public OcapnPeers(SecureRandom random) {
        this.random = random;
    }

    /**
     * The session key to dial {@code node} with, the connection dialed to end in
     * {@link #closed} or {@link #dialFailed}; or null if a session with it is open or about to
     * open on a connection it dialed ({@link #nextSession}), so that no dial crosses it.
     */
    public synchronized VatIdentity dialKey(PeerLocator node) {
        Entry existing = byNode.get(name(node));
        if (existing != null && (!existing.answering.isEmpty()
                || existing.kept != null && existing.kept.session().problem() == null)) {
            return null;
        }
        Entry entry = entry(node);
        entry.connections++;
        entry.dials++;
        return entry.key;
    }

    @Override
    public synchronized VatIdentity keyFor(OcapnConnection connection) {
        PeerHello hello = connection.peer();
        Entry entry = entry(hello.location());
        entry.connections++;
        boolean dialedToo = entry.dials > 0 || entry.kept != null && entry.kept.dialed();
        if (dialedToo && SessionIds.oursWinsCrossedHellos(StartSessions.rawKey(entry.key),
                hello.sessionKey().toByteArray())) {
            return null;
        }
        entry.answering.add(connection);
        return entry.key;
    }

    /**
     * The session that will be kept with {@code node}: the one open, else the next to open,
     * such as the one a peer whose dial crossed ours opens. The caller bounds the wait.
     */
    public synchronized CompletableFuture<Session> nextSession(PeerLocator node) {
        Optional<Session> open = session(node);
        if (open.isPresent()) {
            return CompletableFuture.completedFuture(open.get());
        }
        CompletableFuture<Session> next = new CompletableFuture<>();
        waiting.computeIfAbsent(name(node), n -> new ArrayList<>()).add(next);
        // One that gave up waiting is forgotten.
        next.whenComplete((session, failure) -> forget(node, next));
        return next;
    }

    private synchronized void forget(PeerLocator node, CompletableFuture<Session> next) {
        List<CompletableFuture<Session>> those = waiting.get(name(node));
        if (those != null && those.remove(next) && those.isEmpty()) {
            waiting.remove(name(node));
        }
    }

    /** The open session kept with {@code node}, if any. */
    public synchronized Optional<Session> session(PeerLocator node) {
        Entry entry = byNode.get(name(node));
        if (entry == null || entry.kept == null || entry.kept.session().problem() != null) {
            return Optional.empty();
        }
        return Optional.of(entry.kept.session());
    }

    /** The open sessions kept, one per peer node at most. */
    public synchronized List<Session> sessions() {
        return byNode.values().stream().filter(e -> e.kept != null && e.kept.session().problem() == null)
                .map(e -> e.kept.session()).toList();
    }

    /** Aborts every connection kept, saying {@code reason}: the node is closing. */
    public void abortAll(String reason) {
        List<OcapnConnection> kept;
        synchronized (this) {
            kept = byNode.values().stream().filter(e -> e.kept != null).map(e -> e.kept).toList();
        }
        kept.forEach(connection -> connection.abort(reason));
    }

    /** How many sessions are kept, one per peer node at most. */
    public synchronized int sessionCount() {
        return (int) byNode.values().stream().filter(e -> e.kept != null).count();
    }

    @Override
    public boolean opened(OcapnConnection connection) {
        OcapnConnection dropped;
        List<CompletableFuture<Session>> told;
        synchronized (this) {
            Entry entry = byNode.get(name(connection.peer().location()));
            entry.answering.remove(connection);
            dropped = entry.kept == null || entry.kept.session().problem() != null ? null : entry.kept;
            if (dropped != null && !keeps(connection, dropped)) {
                return false;
            }
            entry.kept = connection;
            told = waiting.containsKey(name(connection.peer().location()))
                    ? List.copyOf(waiting.remove(name(connection.peer().location()))) : List.of();
        }
        if (dropped != null) {
            dropped.abort(OcapnConnection.CROSSED);
        }
        told.forEach(waiting -> waiting.complete(connection.session()));
        return true;
    }

    /**
     * Whether {@code connection} is kept instead of {@code kept}: only if they crossed (one
     * dialed each way) and the draft's rule favours it. A second connection the same way
     * leaves the first.
     */
    private static boolean keeps(OcapnConnection connection, OcapnConnection kept) {
        if (kept.dialed() == connection.dialed()) {
            return false;
        }
        boolean oursWins = SessionIds.oursWinsCrossedHellos(StartSessions.rawKey(connection.key()),
                connection.peer().sessionKey().toByteArray());
        return connection.dialed() == oursWins;
    }

    @Override
    public synchronized void closed(OcapnConnection connection) {
        if (connection.peer() == null && !connection.dialed()) {
            return;
        }
        PeerLocator node = connection.peer() != null ? connection.peer().location() : connection.dialedNode();
        Entry entry = byNode.get(name(node));
        if (entry != null && entry.kept == connection) {
            entry.kept = null;
        }
        if (entry != null) {
            entry.answering.remove(connection);
        }
        if (entry != null && connection.dialed()) {
            entry.dials--;
        }
        release(node);
    }

    /** A dial to {@code node} with {@link #dialKey} failed before it connected. */
    public synchronized void dialFailed(PeerLocator node) {
        Entry entry = byNode.get(name(node));
        if (entry != null) {
            entry.dials--;
        }
        release(node);
    }

    /** One connection with {@code node} fewer; the key is forgotten with the last. */
    private void release(PeerLocator node) {
        Entry entry = byNode.get(name(node));
        if (entry != null && --entry.connections == 0) {
            byNode.remove(name(node));
        }
    }

    private Entry entry(PeerLocator node) {
        return byNode.computeIfAbsent(name(node), n -> new Entry(VatIdentity.generate(random)));
    }

    private static String name(PeerLocator node) {
        return node.transport() + ":" + node.designator();
    }
}
