package dev.erg.ocapn.netlayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.session.Bootstrap;
import dev.erg.captp.session.Session;
import dev.erg.captp.session.SturdyTable;
import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.ocapn.captp.SessionIds;
import dev.erg.ocapn.session.Endpoint;
import dev.erg.ocapn.session.OcapnBootstrap;
import dev.erg.ocapn.session.OcapnConnection;
import dev.erg.ocapn.session.StartSessions;
import dev.erg.vat.DeterministicScheduler;
import dev.erg.vat.VatRuntime;
import dev.erg.vat.Seeds;
import dev.erg.wire.WireLimits;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two nodes that dial each other at once keep the same one connection, by the draft's rule,
 * whatever order the four start-sessions arrive in.
 */
class CrossedHellosTest {

    private static final PeerLocator X = new PeerLocator("x", "tcp-testing-only", Map.of("host", "h", "port", "1"));
    private static final PeerLocator Y = new PeerLocator("y", "tcp-testing-only", Map.of("host", "h", "port", "2"));

    /** Bytes in flight: the connection that receives them, and the bytes. */
    private final Deque<Object[]> inFlight = new ArrayDeque<>();

    @Test
    void bothSidesKeepTheConnectionDialedByTheSideWhoseKeySortsHigher() {
        Seeds.forEach("crossed hellos", 20, seed -> {
            inFlight.clear();
            DeterministicScheduler scheduler = new DeterministicScheduler(seed);
            try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).build()) {
                SecureRandom random = random(seed);
                OcapnPeers xPeers = new OcapnPeers(random);
                OcapnPeers yPeers = new OcapnPeers(random);
                Endpoint xEnd = endpoint(runtime, random, X);
                Endpoint yEnd = endpoint(runtime, random, Y);
                OcapnConnection[] a = new OcapnConnection[2];
                OcapnConnection[] b = new OcapnConnection[2];
                // a: X dials Y; b: Y dials X. Index 0 is X's end, 1 is Y's.
                a[0] = OcapnConnection.dialing(xEnd, wire(a, 1), xPeers, xPeers.dialKey(Y), Y);
                a[1] = OcapnConnection.accepting(yEnd, wire(a, 0), yPeers);
                b[1] = OcapnConnection.dialing(yEnd, wire(b, 0), yPeers, yPeers.dialKey(X), X);
                b[0] = OcapnConnection.accepting(xEnd, wire(b, 1), xPeers);
                a[0].start();
                b[1].start();
                Random order = new Random(seed);
                while (!inFlight.isEmpty()) {
                    Object[] next = oldestForSomeReceiver(order);
                    ((OcapnConnection) next[0]).received((byte[]) next[1]);
                    scheduler.runUntilIdle();
                }
                boolean xWins = SessionIds.oursWinsCrossedHellos(StartSessions.rawKey(a[0].key()),
                        StartSessions.rawKey(b[1].key()));
                OcapnConnection[] kept = xWins ? a : b;
                OcapnConnection[] dropped = xWins ? b : a;
                assertThat(kept[0].peer().sessionKey().toByteArray()).isEqualTo(StartSessions.rawKey(kept[1].key()));
                assertThat(kept[1].peer().sessionKey().toByteArray()).isEqualTo(StartSessions.rawKey(kept[0].key()));
                assertThat(xPeers.sessions()).containsExactly(kept[0].session());
                assertThat(yPeers.sessions()).containsExactly(kept[1].session());
                assertThat(kept[0].session().problem()).isNull();
                assertThat(kept[1].session().problem()).isNull();
                // The acceptor of the other refused it before answering: it opened on neither side.
                assertThat(dropped[0].opened()).isCompletedExceptionally();
                assertThat(dropped[1].opened()).isCompletedExceptionally();
                assertThat(dropped[0].session()).isNull();
                assertThat(dropped[1].session()).isNull();
            }
        });
    }

    /** The oldest bytes for a receiver chosen by {@code order}: each connection reads in order, the four interleave. */
    private Object[] oldestForSomeReceiver(Random order) {
        List<Object> receivers = inFlight.stream().map(m -> m[0]).distinct().toList();
        Object receiver = receivers.get(order.nextInt(receivers.size()));
        for (Object[] m : inFlight) {
            if (m[0] == receiver) {
                inFlight.remove(m);
                return m;
            }
        }
        throw new IllegalStateException("no bytes for the receiver chosen");
    }

    private OcapnConnection.Wire wire(OcapnConnection[] connection, int to) {
        return new OcapnConnection.Wire() {
            @Override
            public void write(byte[] bytes) {
                inFlight.add(new Object[] {connection[to], bytes});
            }

            @Override
            public void close() {
                // The far end learns of it from the abort sent before.
            }
        };
    }

    private static Endpoint endpoint(VatRuntime runtime, SecureRandom random, PeerLocator location) {
        Object bootstrap = runtime.newVat(location.designator()).export(
                new OcapnBootstrap(new SturdyTable(random, runtime.timer())), Bootstrap.class);
        return new Endpoint(runtime.newVat(location.designator() + "-session"), bootstrap, location,
                WireLimits.defaults(), Session.DEFAULT_MAX_ENTRIES);
    }

    private static SecureRandom random(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
