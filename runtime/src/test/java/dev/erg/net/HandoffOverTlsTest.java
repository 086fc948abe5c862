package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.crypto.VatId;
import dev.erg.vat.Promise;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Three nodes over loopback TLS: Alice hands Bob a reference to Carol's counter. */
class HandoffOverTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Carol's object. */
    public interface Counter {
        Promise<Long> increment(long by);
    }

    /** Bob's object: keeps the counter it is given and uses it. */
    public interface Keeper {
        Promise<Long> keep(Counter counter);

        Promise<Long> use(long by);
    }

    static final class Tally implements Counter {
        long count;

        @Override
        public Promise<Long> increment(long by) {
            count += by;
            return Promise.of(count);
        }
    }

    static final class Holder implements Keeper {
        Counter kept;

        @Override
        public Promise<Long> keep(Counter counter) {
            kept = counter;
            return counter.increment(0);
        }

        @Override
        public Promise<Long> use(long by) {
            return kept.increment(by);
        }
    }

    private final VatRuntime runtime = VatRuntime.create();
    private final Node alice = start(41);
    private final Node bob = start(42);
    private final Node carol = start(43);

    private Node start(long seed) {
        try {
            // Quiet links: a heartbeat would count as traffic Alice hears.
            return Node.start(Peers.identity(seed), runtime, NetConfig.defaults().withHeartbeat(Duration.ofMinutes(5)),
                    PassableRegistry.empty());
        } catch (javax.net.ssl.SSLException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void close() {
        alice.close();
        bob.close();
        carol.close();
        runtime.close();
    }

    @Test
    void bobUsesCarolsCounterOverHisOwnSessionAndAliceSeesNoneOfIt() throws Exception {
        bob.listen(Peers.LOOPBACK_ANY_PORT);
        carol.listen(Peers.LOOPBACK_ANY_PORT);
        Keeper bobsKeeper = runtime.newVat("bob's keeper").export(new Holder(), Keeper.class);
        Counter counter = alice.connect(carol.sturdyRef(runtime.newVat("carol's tally").export(new Tally(), Counter.class), null),
                Counter.class).join(WAIT);
        Keeper keeper = alice.connect(bob.sturdyRef(bobsKeeper, null), Keeper.class).join(WAIT);

        counter.increment(1);
        counter.increment(2);
        assertThat(keeper.keep(counter).join(WAIT)).isEqualTo(3L);
        assertThat(bob.peers()).extracting(PeerStatus::peer).contains(carol.vatId());

        long aliceHeard = heard(alice);
        long carolHeardFromBob = heardFrom(carol, bob.vatId());
        for (int i = 1; i <= 100; i++) {
            assertThat(bobsKeeper.use(1).join(WAIT)).isEqualTo(3L + i);
        }
        assertThat(heard(alice)).isEqualTo(aliceHeard);
        assertThat(heardFrom(carol, bob.vatId()) - carolHeardFromBob).isGreaterThanOrEqualTo(100);
    }

    private static long heard(Node node) {
        return node.peers().stream().mapToLong(PeerStatus::messagesReceived).sum();
    }

    private static long heardFrom(Node node, VatId peer) {
        return node.peers().stream().filter(p -> p.peer().equals(peer)).mapToLong(PeerStatus::messagesReceived).sum();
    }
}
