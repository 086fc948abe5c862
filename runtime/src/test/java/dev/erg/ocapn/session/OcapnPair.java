package dev.erg.ocapn.session;

import dev.erg.captp.session.Session;
import dev.erg.captp.session.SturdyTable;
import dev.erg.crypto.VatIdentity;
import dev.erg.ocapn.captp.CaptpReader;
import dev.erg.ocapn.captp.Operation;
import dev.erg.ocapn.captp.OperationStream;
import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.vat.DeterministicScheduler;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.WireLimits;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Two OCapN connections joined in memory: Alice dials, Bob accepts, and bytes cross only when
 * the test pumps. Every operation sent is recorded, decoded as a plain reader sees it. Runs on
 * a deterministic scheduler; keys come from a seeded generator.
 */
final class OcapnPair implements AutoCloseable {

    static final PeerLocator ALICE = new PeerLocator("alice", "tcp-testing-only", Map.of("host", "127.0.0.1", "port", "1"));
    static final PeerLocator BOB = new PeerLocator("bob", "tcp-testing-only", Map.of("host", "127.0.0.1", "port", "2"));

    final DeterministicScheduler scheduler = new DeterministicScheduler(23);
    final VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).build();
    final Vat alice = runtime.newVat("alice");
    final Vat bob = runtime.newVat("bob");
    final SturdyTable bobsRefs;
    final SecureRandom random;
    final OcapnConnection a;
    final OcapnConnection b;
    /** Bytes in flight, oldest first, each with the side that receives them. */
    final Deque<Object[]> inFlight = new ArrayDeque<>();
    /** Every operation sent, as {@code "a>b op:deliver"}. */
    final List<String> trace = new ArrayList<>();
    /** Every operation sent, in order, as read by a plain reader. */
    final List<Operation> sent = new ArrayList<>();
    boolean aClosed;
    boolean bClosed;

    OcapnPair(WireLimits limits) {
        try {
            random = SecureRandom.getInstance("SHA1PRNG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        random.setSeed(29);
        bobsRefs = new SturdyTable(random, runtime.timer());
        Endpoint aliceEnd = new Endpoint(runtime.newVat("alice-session"),
                alice.export(new OcapnBootstrap(new SturdyTable(random, runtime.timer())), dev.erg.captp.session.Bootstrap.class),
                ALICE, limits, Session.DEFAULT_MAX_ENTRIES);
        Endpoint bobEnd = new Endpoint(runtime.newVat("bob-session"),
                bob.export(new OcapnBootstrap(bobsRefs), dev.erg.captp.session.Bootstrap.class),
                BOB, limits, Session.DEFAULT_MAX_ENTRIES);
        a = OcapnConnection.dialing(aliceEnd, wire(true, limits), peers(), VatIdentity.generate(random), BOB);
        b = OcapnConnection.accepting(bobEnd, wire(false, limits), peers());
        a.start();
        b.start();
    }

    OcapnPair() {
        this(WireLimits.defaults());
    }

    private OcapnConnection.Wire wire(boolean fromA, WireLimits limits) {
        OperationStream reader = new OperationStream(CaptpReader.plain(limits), limits);
        return new OcapnConnection.Wire() {
            @Override
            public void write(byte[] bytes) {
                synchronized (OcapnPair.this) {
                    for (Operation op : reader.feed(bytes)) {
                        trace.add((fromA ? "a>b " : "b>a ") + op.label());
                        sent.add(op);
                    }
                    inFlight.add(new Object[] {bytes, !fromA});
                }
            }

            @Override
            public void close() {
                synchronized (OcapnPair.this) {
                    if (fromA) {
                        aClosed = true;
                    } else {
                        bClosed = true;
                    }
                }
            }
        };
    }

    private OcapnConnection.Peers peers() {
        return new OcapnConnection.Peers() {
            @Override
            public VatIdentity keyFor(OcapnConnection connection) {
                return VatIdentity.generate(random);
            }

            @Override
            public boolean opened(OcapnConnection connection) {
                return true;
            }

            @Override
            public void closed(OcapnConnection connection) {
            }
        };
    }

    /** Delivers bytes and runs turns until nothing moves; bytes to a closed side are dropped. */
    void pump() {
        do {
            scheduler.runUntilIdle();
            Object[] next;
            while ((next = poll()) != null) {
                boolean toA = (boolean) next[1];
                if (toA ? !aClosed : !bClosed) {
                    (toA ? a : b).received((byte[]) next[0]);
                }
            }
            scheduler.runUntilIdle();
        } while (!inFlight.isEmpty());
    }

    private synchronized Object[] poll() {
        return inFlight.poll();
    }

    /** Bob's side of the wire receives {@code bytes} as if Alice had sent them. */
    void toBob(byte[] bytes) {
        b.received(bytes);
    }

    <T> T settle(Promise<T> p) {
        pump();
        return p.join(Duration.ZERO);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
