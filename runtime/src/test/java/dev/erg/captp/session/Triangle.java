package dev.erg.captp.session;

import dev.erg.crypto.Signatures;
import dev.erg.crypto.VatIdentity;
import dev.erg.vat.DeterministicScheduler;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.Message;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.codec.WireCodec;
import dev.erg.wire.WireLimits;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Three vats (Alice, Bob and Carol), each pair joined by a session over an in-memory network
 * that encodes every message with the real codec and delivers it only when the test pumps.
 * Each vat has its own identity and {@link Handoffs}; the sessions know each other's keys as
 * TLS would have proven them. Everything runs on a deterministic scheduler.
 */
final class Triangle implements AutoCloseable {

    final DeterministicScheduler scheduler = new DeterministicScheduler(23);
    final VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).build();
    final WireCodec codec = new WireCodec(PassableRegistry.empty(), WireLimits.defaults());
    final Party alice;
    final Party bob;
    final Party carol;
    /** Messages in flight, in the order sent. */
    private final Deque<Flight> inFlight = new ArrayDeque<>();
    /** Directions, such as "alice>carol", whose messages wait until released. */
    private final Set<String> held = new HashSet<>();
    /** Every message delivered, as "from>to Kind method", in order. */
    final List<String> trace = new ArrayList<>();
    /** Every message delivered, as its receiver decoded it, by direction. */
    final Map<String, List<Message>> delivered = new LinkedHashMap<>();

    /** A vat of the triangle, with its sessions to the other two. */
    final class Party {
        final String name;
        final VatIdentity identity;
        final Vat vat;
        final Handoffs handoffs;
        final Map<String, Session> sessions = new LinkedHashMap<>();

        Party(String name, long seed, Object bootstrap) {
            this.name = name;
            this.identity = identity(seed);
            this.vat = runtime.newVat(name);
            this.handoffs = new Handoffs(identity, runtime.newVat(name + "-handoffs"), (peer, hints) -> {
                for (Session s : sessions.values()) {
                    if (s.peering().peer().equals(peer) && s.problem() == null) {
                        return CompletableFuture.completedFuture(s);
                    }
                }
                return CompletableFuture.failedFuture(new IllegalStateException("no route to " + peer));
            }, new SecureRandom());
            this.bootstrap = bootstrap;
        }

        private final Object bootstrap;

        Session to(Party other) {
            return sessions.get(other.name);
        }

        Bytes key() {
            return Bytes.of(Signatures.rawPublicKey(identity.publicKey()));
        }
    }

    private record Flight(Party from, Party to, byte[] bytes) {
        String direction() {
            return from.name + ">" + to.name;
        }
    }

    /** Each vat's bootstrap object is made in its own vat by {@code bootstraps}. */
    Triangle(java.util.function.Function<Vat, Object> aliceBootstrap, java.util.function.Function<Vat, Object> bobBootstrap,
             java.util.function.Function<Vat, Object> carolBootstrap) {
        alice = party("alice", 1, aliceBootstrap);
        bob = party("bob", 2, bobBootstrap);
        carol = party("carol", 3, carolBootstrap);
        join(alice, bob);
        join(alice, carol);
        join(bob, carol);
    }

    private Party party(String name, long seed, java.util.function.Function<Vat, Object> bootstrap) {
        Vat vat = runtime.newVat(name + "-objects");
        return new Party(name, seed, bootstrap.apply(vat));
    }

    private void join(Party x, Party y) {
        byte[] id = new byte[32];
        new java.util.Random(x.name.hashCode() * 31L + y.name.hashCode()).nextBytes(id);
        x.sessions.put(y.name, session(x, y, Bytes.of(id)));
        y.sessions.put(x.name, session(y, x, Bytes.of(id)));
        x.handoffs.opened(x.to(y));
        y.handoffs.opened(y.to(x));
    }

    private Session session(Party self, Party peer, Bytes id) {
        Peering peering = new Peering(peer.identity.vatId(), peer.key(), List.of(peer.name + ":1"), id);
        return new Session(runtime.newVat(self.name + "-" + peer.name), m -> send(self, peer, m), self.bootstrap,
                peering, self.handoffs, Session.DEFAULT_MAX_ENTRIES);
    }

    private void send(Party from, Party to, Message message) {
        inFlight.add(new Flight(from, to, codec.encode(message, from.to(to).encoder())));
    }

    void hold(Party from, Party to) {
        held.add(from.name + ">" + to.name);
    }

    void release(Party from, Party to) {
        held.remove(from.name + ">" + to.name);
    }

    /** Delivers messages, except held ones, and runs turns until nothing moves. */
    void pump() {
        boolean moved;
        do {
            scheduler.runUntilIdle();
            moved = false;
            for (var it = inFlight.iterator(); it.hasNext(); ) {
                Flight next = it.next();
                if (held.contains(next.direction())) {
                    continue;
                }
                it.remove();
                moved = true;
                deliver(next);
                break;
            }
            scheduler.runUntilIdle();
        } while (moved);
    }

    /**
     * Delivers up to {@code count} messages, each the first in flight in a direction picked by
     * {@code random}, as links of any delays would, running turns before and after each.
     */
    void deliverRandomly(java.util.random.RandomGenerator random, int count) {
        scheduler.runUntilIdle();
        for (int i = 0; i < count; i++) {
            List<Flight> heads = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Flight f : inFlight) {
                if (seen.add(f.direction())) {
                    heads.add(f);
                }
            }
            if (heads.isEmpty()) {
                return;
            }
            Flight next = heads.get(random.nextInt(heads.size()));
            inFlight.remove(next);
            deliver(next);
            scheduler.runUntilIdle();
        }
    }

    /** Delivers the first message in flight from {@code from} to {@code to}, held or not, and runs turns. */
    void deliverOne(Party from, Party to) {
        String direction = from.name + ">" + to.name;
        for (var it = inFlight.iterator(); it.hasNext(); ) {
            Flight next = it.next();
            if (next.direction().equals(direction)) {
                it.remove();
                deliver(next);
                scheduler.runUntilIdle();
                return;
            }
        }
        throw new IllegalStateException("nothing in flight " + direction);
    }

    private void deliver(Flight flight) {
        Session receiver = flight.to().to(flight.from());
        Message m = codec.decode(flight.bytes(), receiver.decoder());
        trace.add(flight.direction() + " " + describe(m));
        delivered.computeIfAbsent(flight.direction(), k -> new ArrayList<>()).add(m);
        receiver.receive(m);
    }

    private static String describe(Message m) {
        return switch (m) {
            case Message.Deliver d -> "Deliver " + d.method();
            case Message.DeliverOnly d -> "DeliverOnly " + d.method();
            default -> m.getClass().getSimpleName();
        };
    }

    /** The messages delivered from {@code from} to {@code to}. */
    List<Message> delivered(Party from, Party to) {
        return delivered.getOrDefault(from.name + ">" + to.name, List.of());
    }

    <T> T settle(dev.erg.vat.Promise<T> p) {
        pump();
        return p.join(java.time.Duration.ZERO);
    }

    private static VatIdentity identity(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return VatIdentity.generate(random);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
