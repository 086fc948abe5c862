package dev.erg.ocapn.netlayer;

import dev.erg.captp.session.Session;
import dev.erg.crypto.VatIdentity;
import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.ocapn.captp.SessionIds;
import dev.erg.ocapn.session.OcapnConnection;
import dev.erg.ocapn.session.StartSessions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node's OCapN peers, by node (designator and transport): the session key it uses with
 * each, and the one connection it keeps with each.
 *
 * <p>Crossed hellos, the draft's rule: when both nodes dial each other at once, the
 * connection kept is the one dialed by the side whose encoded session key sorts higher. For
 * both sides to choose the same one, each must compare the same two keys on both
 * connections, so a node uses one session key per peer node while it has any connection
 * with it: an acceptor answers with the key it dialed that node with. (The acceptor waits for
 * the dialer's start-session before sending its own, so it knows whom it answers.)
 *
 * <p>Thread-safe.
 */
public final class OcapnPeers implements OcapnConnection.Peers {

    private static final class Entry {
        final VatIdentity key;
        int connections;
        OcapnConnection kept;

        Entry(VatIdentity key) {
            this.key = key;
        }
    }

    private final SecureRandom random;
    private final Map<String, Entry> byNode = new HashMap<>();

    /** Peers whose session keys come from {@code random}. */
    public OcapnPeers(SecureRandom random) {
        this.random = random;
    }

    /** The session key to dial {@code node} with; the connection dialed must end in {@link #closed}. */
    public synchronized VatIdentity dialKey(PeerLocator node) {
        Entry entry = entry(node);
        entry.connections++;
        return entry.key;
    }

    @Override
    public synchronized VatIdentity keyFor(PeerLocator peer) {
        Entry entry = entry(peer);
        entry.connections++;
        return entry.key;
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

    /** How many sessions are kept, one per peer node at most. */
    public synchronized int sessionCount() {
        return (int) byNode.values().stream().filter(e -> e.kept != null).count();
    }

    @Override
    public boolean opened(OcapnConnection connection) {
        OcapnConnection dropped;
        synchronized (this) {
            Entry entry = byNode.get(name(connection.peer().location()));
            if (entry.kept == null || entry.kept.session().problem() != null) {
                entry.kept = connection;
                return true;
            }
            if (entry.kept.dialed() == connection.dialed()) {
                // Not crossed: a second connection the same way; the first stays.
                return false;
            }
            boolean oursWins = SessionIds.oursWinsCrossedHellos(StartSessions.rawKey(connection.key()),
                    connection.peer().sessionKey().toByteArray());
            if (connection.dialed() != oursWins) {
                return false;
            }
            dropped = entry.kept;
            entry.kept = connection;
        }
        dropped.abort("crossed hellos: the connection dialed by the side whose session key sorts higher is kept");
        return true;
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
        release(node);
    }

    /** A dial to {@code node} with {@link #dialKey} failed before it connected. */
    public synchronized void dialFailed(PeerLocator node) {
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
