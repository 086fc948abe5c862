package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.session.Session;
import dev.erg.ocapn.session.Counter;
import dev.erg.ocapn.session.Tally;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.WireLimits;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three Erg nodes speaking OCapN over {@code tcp-testing-only} on loopback: alice holds a
 * reference to carol's counter and passes it to bob, who takes it from carol directly.
 */
class OcapnHandoffsOverTcpTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final VatRuntime runtime = VatRuntime.create();
    private final Tally carolsTally = new Tally();
    private final List<Runnable> heldDeposits = new CopyOnWriteArrayList<>();
    private OcapnNode alice;
    private OcapnNode bob;
    private OcapnNode carol;

    @AfterEach
    void stop() {
        for (OcapnNode node : new OcapnNode[] {alice, bob, carol}) {
            if (node != null) {
                node.close();
            }
        }
        runtime.close();
    }

    @Test
    void aReferenceToAThirdNodesObjectIsTakenFromThatNode() throws InterruptedException {
        start(vat -> vat::run);
        Counter counter = alice.fetch(carolsRef(), Counter.class).join(WAIT);
        Taker taker = alice.fetch(bobsTakerRef(), Taker.class).join(WAIT);

        assertThat(taker.take(counter, 5).join(WAIT)).isEqualTo(5L);
        assertThat(taker.take(counter, 2).join(WAIT)).as("a second handoff of the same object").isEqualTo(7L);
        assertThat(bob.sessionCount()).as("bob reached carol himself").isEqualTo(2);
        assertThat(carol.sessionCount()).isEqualTo(2);
    }

    @Test
    void aWithdrawalThatComesBeforeItsDepositWaitsForIt() throws InterruptedException {
        start(vat -> task -> heldDeposits.add(() -> vat.run(task)));
        Counter counter = alice.fetch(carolsRef(), Counter.class).join(WAIT);
        Taker taker = alice.fetch(bobsTakerRef(), Taker.class).join(WAIT);
        Session alicesAtCarol = carol.sessions().getFirst();

        Promise<Long> taken = taker.take(counter, 3);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (withdrawalsAtCarol(alicesAtCarol) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(withdrawalsAtCarol(alicesAtCarol)).as("bob's withdrawal reached carol").isPositive();
        assertThat(heldDeposits).as("alice's deposit, held back").hasSize(1);
        assertThat(taken.isSettled()).isFalse();

        heldDeposits.forEach(Runnable::run);
        assertThat(taken.join(WAIT)).isEqualTo(3L);
    }

    /** Messages carol's session with bob received: bob's withdrawal and what he pipelined on it. */
    private long withdrawalsAtCarol(Session alicesAtCarol) {
        return carol.sessions().stream().filter(s -> s != alicesAtCarol).mapToLong(Session::messagesReceived).sum();
    }

    private void start(java.util.function.Function<Vat, Executor> alicesDeposits) throws InterruptedException {
        alice = OcapnNode.start(runtime, WireLimits.defaults(), alicesDeposits);
        bob = OcapnNode.start(runtime, WireLimits.defaults());
        carol = OcapnNode.start(runtime, WireLimits.defaults());
        bob.listen(new InetSocketAddress("127.0.0.1", 0));
        carol.listen(new InetSocketAddress("127.0.0.1", 0));
    }

    private String carolsRef() {
        return carol.sturdyRef(runtime.newVat("carol").export(carolsTally, Counter.class));
    }

    private String bobsTakerRef() {
        Taker taker = (counter, amount) -> counter.add(amount);
        return bob.sturdyRef(runtime.newVat("bob").export(taker, Taker.class));
    }
}
