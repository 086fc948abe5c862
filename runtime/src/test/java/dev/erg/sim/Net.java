package dev.erg.sim;

import dev.erg.captp.session.Outbound;
import dev.erg.captp.session.Peering;
import dev.erg.captp.session.Session;
import dev.erg.vat.Problem;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.ProtocolException;
import dev.erg.wire.codec.WireCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The simulated network between the hosts of a cluster: at most one connection per pair of
 * hosts, each a session at either end and a queue of encoded messages each way. A queue is
 * delivered in order (as TLS would), one message at a time, while the simulation picks which
 * queue moves next, so messages of different sessions overtake each other. A partition holds
 * the messages between two hosts and refuses new connections between them; a dropped
 * connection loses what it held and breaks both sessions.
 *
 * <p>Garbage collection runs on the JVM's schedule, not the simulation's: gc-exports and
 * gc-answers are queued as sent, but never chosen on their own; they go out ahead of the next
 * message of their queue, or when the network is drained. Thus the seed alone decides what
 * the simulation chooses, whenever the collector runs. The queues are guarded by this object,
 * which is taken after a session's lock (a session sends under its lock), never before.
 */
final class Net {

    private record Flight(byte[] bytes, boolean gc) {
    }

    /** A connection between two hosts, with a session at each end. */
    final class Conn {
        final int number;
        final Host a;
        final Host b;
        Session atA;
        Session atB;
        private final Deque<Flight> toB = new ArrayDeque<>();
        private final Deque<Flight> toA = new ArrayDeque<>();
        private boolean dead;

        Conn(int number, Host a, Host b) {
            this.number = number;
            this.a = a;
            this.b = b;
        }

        Session sessionAt(Host host) {
            return host == a ? atA : atB;
        }

        Host peerOf(Host host) {
            return host == a ? b : a;
        }

        private Deque<Flight> queueTo(Host host) {
            return host == a ? toA : toB;
        }

        @Override
        public String toString() {
            return "c" + number + "(" + a + "-" + b + ")";
        }
    }

    private final Cluster cluster;
    private final WireCodec codec;
    private final Map<Long, Conn> live = new LinkedHashMap<>();
    private final Set<Long> cut = new HashSet<>();
    private final List<Runnable> flushes = new ArrayList<>();
    private int made;

    Net(Cluster cluster, WireCodec codec) {
        this.cluster = cluster;
        this.codec = codec;
    }

    private static long pair(Host x, Host y) {
        return Math.min(x.index, y.index) * 1024L + Math.max(x.index, y.index);
    }

    /** The live connection between two hosts, made if both are up and not cut apart; null if none can be. */
    Conn connect(Host from, Host to) {
        Conn conn = live.get(pair(from, to));
        if (conn != null || from == to || !from.isUp() || !to.isUp() || cut.contains(pair(from, to))) {
            return conn;
        }
        conn = new Conn(made++, from, to);
        byte[] id = new byte[32];
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) (conn.number * 13 + i);
        }
        conn.atA = open(conn, from, to, Bytes.of(id));
        conn.atB = open(conn, to, from, Bytes.of(id));
        live.put(pair(from, to), conn);
        from.opened(conn.atA);
        to.opened(conn.atB);
        cluster.ledger().note("connect " + conn);
        return conn;
    }

    private Session open(Conn conn, Host self, Host peer, Bytes id) {
        Session[] made = new Session[1];
        Outbound out = new Outbound() {
            @Override
            public void send(Message message) {
                byte[] bytes = codec.encode(message, made[0].encoder());
                boolean gc = message instanceof Message.GcExports || message instanceof Message.GcAnswers;
                synchronized (Net.this) {
                    if (!conn.dead) {
                        conn.queueTo(peer).add(new Flight(bytes, gc));
                    }
                }
            }

            @Override
            public void flushSoon(Runnable flush) {
                synchronized (Net.this) {
                    flushes.add(flush);
                }
            }
        };
        Peering peering = new Peering(peer.identity.vatId(), peer.key, List.of(peer.toString() + ":1"), id);
        made[0] = new Session(self.newVat("session " + conn), out, self.bootstrap(), peering, self.handoffs(),
                Session.DEFAULT_MAX_ENTRIES);
        return made[0];
    }

    /** Cuts two hosts apart: their messages wait, and no new connection is made between them. */
    void partition(Host x, Host y) {
        if (x != y && cut.add(pair(x, y))) {
            cluster.ledger().note("partition " + x + " " + y);
            cluster.count("partitions");
        }
    }

    void heal() {
        cut.clear();
        cluster.ledger().note("heal");
    }

    /** Drops {@code conn}: what it held is lost and both sessions break with {@code why}. */
    void kill(Conn conn, Problem why) {
        synchronized (this) {
            if (conn.dead) {
                return;
            }
            conn.dead = true;
            conn.toA.clear();
            conn.toB.clear();
        }
        live.remove(pair(conn.a, conn.b));
        cluster.ledger().note("drop " + conn);
        conn.atA.lost(why);
        conn.atB.lost(why);
    }

    /** Drops every connection of {@code host}. */
    void killAll(Host host, Problem why) {
        for (Conn conn : List.copyOf(live.values())) {
            if (conn.a == host || conn.b == host) {
                kill(conn, why);
            }
        }
    }

    List<Conn> connections() {
        return List.copyOf(live.values());
    }

    /** Delivers the next message of a queue picked by {@code random}; false if no queue may move. */
    boolean deliverOne(SplittableRandom random) {
        List<Conn> ready = new ArrayList<>();
        List<Host> towards = new ArrayList<>();
        synchronized (this) {
            for (Conn conn : live.values()) {
                if (cut.contains(pair(conn.a, conn.b))) {
                    continue;
                }
                if (conn.toA.stream().anyMatch(f -> !f.gc)) {
                    ready.add(conn);
                    towards.add(conn.a);
                }
                if (conn.toB.stream().anyMatch(f -> !f.gc)) {
                    ready.add(conn);
                    towards.add(conn.b);
                }
            }
        }
        if (ready.isEmpty()) {
            return false;
        }
        int i = random.nextInt(ready.size());
        deliver(ready.get(i), towards.get(i), false);
        return true;
    }

    /** Sends the gc messages gathered for later; whether there were any. */
    boolean flush() {
        List<Runnable> due;
        synchronized (this) {
            due = List.copyOf(flushes);
            flushes.clear();
        }
        due.forEach(Runnable::run);
        return !due.isEmpty();
    }

    /** Delivers every message of every queue not cut off, gc messages included; whether any moved. */
    boolean drain() {
        boolean moved = false;
        for (Conn conn : List.copyOf(live.values())) {
            if (cut.contains(pair(conn.a, conn.b))) {
                continue;
            }
            while (deliver(conn, conn.a, true) | deliver(conn, conn.b, true)) {
                moved = true;
            }
        }
        return moved;
    }

    /**
     * Delivers to {@code to} the gc messages at the head of its queue and the first other
     * message, or only the head message if {@code any}; whether a message moved.
     */
    private boolean deliver(Conn conn, Host to, boolean any) {
        Session receiver = conn.sessionAt(to);
        List<Flight> taken = new ArrayList<>();
        synchronized (this) {
            Deque<Flight> queue = conn.queueTo(to);
            while (!queue.isEmpty()) {
                Flight f = queue.poll();
                taken.add(f);
                if (!f.gc || any) {
                    break;
                }
            }
        }
        for (Flight f : taken) {
            if (conn.dead) {
                break;
            }
            Message m;
            try {
                m = codec.decode(f.bytes, receiver.decoder());
                if (!f.gc) {
                    cluster.ledger().note("deliver " + conn + " to " + to + " " + describe(m));
                }
                if (m instanceof Message.DeliverOnly d && d.method().equals("deposit-gift")) {
                    cluster.count("handoffs");
                }
                receiver.receive(m);
            } catch (ProtocolException e) {
                boolean freed = e.getMessage() != null && e.getMessage().matches("(?s).*no (export|answer) at position.*");
                cluster.ledger().violation(freed ? "gc" : "protocol", to + " aborted " + conn + ": " + e.getMessage());
                kill(conn, Problem.of(Problem.UNAVAILABLE, "aborted: %s", e.getMessage()));
            }
        }
        return !taken.isEmpty();
    }

    private static String describe(Message m) {
        return switch (m) {
            case Message.Deliver d -> "deliver " + d.method();
            case Message.DeliverOnly d -> "deliver-only " + d.method();
            default -> m.getClass().getSimpleName();
        };
    }
}
