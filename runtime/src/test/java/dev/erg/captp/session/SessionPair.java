package dev.erg.captp.session;

import dev.erg.trace.Tracer;
import dev.erg.vat.DeterministicScheduler;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.codec.Message;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.codec.WireCodec;
import dev.erg.wire.WireLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Two sessions joined by an in-memory network that encodes every message with the real codec
 * and delivers it only when the test pumps: side A in vat "alice", side B in vat "bob", each
 * session with its own vat for its bookkeeping. Everything runs on a deterministic scheduler.
 */
final class SessionPair implements AutoCloseable {

    final DeterministicScheduler scheduler = new DeterministicScheduler(17);
    final VatRuntime runtime;
    final WireCodec codec = new WireCodec(PassableRegistry.empty(), WireLimits.defaults());
    final Vat alice;
    final Vat bob;
    final Session a;
    final Session b;
    /** Encoded messages in flight, in order, with the side that will receive them. */
    final java.util.Deque<Object[]> inFlight = new java.util.concurrent.ConcurrentLinkedDeque<>();
    /** Every message sent, by direction and kind, for assertions. */
    final List<String> trace = new ArrayList<>();
    /** Every message B received, as B decoded it. */
    final List<Message> receivedByB = new ArrayList<>();

    /** Bob's bootstrap object is {@code bobsLedger}, living in Bob's vat; Alice's is a ledger of hers. */
    SessionPair(Account bobsLedger) {
        this(bobsLedger, (List<Runnable>) null);
    }

    /**
     * As {@link #SessionPair(Ledger)}, but Alice's session gathers its gc messages: the flushes
     * it asks for wait in {@code aFlushes} until the test runs them.
     */
    SessionPair(Account bobsLedger, List<Runnable> aFlushes) {
        this(bobsLedger, aFlushes, Session.DEFAULT_MAX_ENTRIES);
    }

    /** As {@link #SessionPair(Ledger, List)}, with both sessions' tables limited to {@code maxEntries}. */
    SessionPair(Account bobsLedger, List<Runnable> aFlushes, int maxEntries) {
        this(bobsLedger, aFlushes, maxEntries, null);
    }

    /** As {@link #SessionPair(Ledger)}, on a runtime that traces with {@code tracer}. */
    SessionPair(Account bobsLedger, Tracer tracer) {
        this(bobsLedger, null, Session.DEFAULT_MAX_ENTRIES, tracer);
    }

    private SessionPair(Account bobsLedger, List<Runnable> aFlushes, int maxEntries, Tracer tracer) {
        VatRuntime.Builder builder = VatRuntime.builder().scheduler(scheduler);
        runtime = (tracer == null ? builder : builder.tracer(tracer)).build();
        alice = runtime.newVat("alice");
        bob = runtime.newVat("bob");
        Outbound toB = new Outbound() {
            @Override
            public void send(Message message) {
                SessionPair.this.send("a>b", message, true);
            }

            @Override
            public void flushSoon(Runnable flush) {
                if (aFlushes == null) {
                    flush.run();
                } else {
                    aFlushes.add(flush);
                }
            }
        };
        a = new Session(runtime.newVat("alice-session"), toB, alice.export(new Ledger(), Account.class), "bob", maxEntries);
        b = new Session(runtime.newVat("bob-session"), m -> send("b>a", m, false),
                bob.export(bobsLedger, Account.class), "alice", maxEntries);
    }

    private void send(String direction, Message message, boolean toB) {
        byte[] bytes = codec.encode(message, toB ? a.encoder() : b.encoder());
        inFlight.add(new Object[] {direction, bytes, toB});
    }

    /** Delivers messages and runs turns until nothing moves. */
    void pump() {
        do {
            scheduler.runUntilIdle();
            while (!inFlight.isEmpty()) {
                deliverOne();
            }
            scheduler.runUntilIdle();
        } while (!inFlight.isEmpty());
    }

    /** Delivers the oldest message in flight, and runs no turn. */
    void deliverOne() {
        deliver(inFlight.poll());
    }

    /**
     * Delivers the oldest message in flight to {@code side}, overtaking those the other way,
     * as the two directions of a link may; runs no turn.
     */
    void deliverOneTo(Session side) {
        for (Object[] next : inFlight) {
            if (((boolean) next[2] ? b : a) == side) {
                inFlight.remove(next);
                deliver(next);
                return;
            }
        }
        throw new IllegalStateException("nothing in flight to " + side);
    }

    private void deliver(Object[] next) {
        Session to = (boolean) next[2] ? b : a;
        Message m = codec.decode((byte[]) next[1], to.decoder());
        trace.add(next[0] + " " + m.getClass().getSimpleName());
        if (to == b) {
            receivedByB.add(m);
        }
        to.receive(m);
    }

    <T> T settle(dev.erg.vat.Promise<T> p) {
        pump();
        return p.join(Duration.ZERO);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
