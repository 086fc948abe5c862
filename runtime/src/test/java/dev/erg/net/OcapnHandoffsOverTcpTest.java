package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.session.Session;
import dev.erg.crypto.VatIdentity;
import dev.erg.ocapn.captp.CaptpWriter;
import dev.erg.ocapn.captp.Descriptor;
import dev.erg.ocapn.captp.HandoffGive;
import dev.erg.ocapn.captp.HandoffReceive;
import dev.erg.ocapn.captp.LocatorUris;
import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.ocapn.captp.SigEnvelope;
import dev.erg.ocapn.captp.SturdyRefLocator;
import dev.erg.ocapn.netlayer.TcpTestingOnly;
import dev.erg.ocapn.session.OcapnBootstrap;
import dev.erg.ocapn.session.StartSessions;
import dev.erg.ocapn.syrup.Symbol;
import dev.erg.vat.Problem;
import dev.erg.ocapn.session.Counter;
import dev.erg.ocapn.session.Tally;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.WireLimits;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    @Test
    void aReplayedOrForgedWithdrawalIsRefusedOnTheWire() throws Exception {
        start(vat -> vat::run);
        alice.listen(new InetSocketAddress("127.0.0.1", 0));
        Counter counter = alice.fetch(carolsRef(), Counter.class).join(WAIT);
        Giver giver = () -> Promise.of(counter);
        SturdyRefLocator giversRef = LocatorUris.parseSturdyRef(
                alice.sturdyRef(runtime.newVat("alice").export(giver, Giver.class)));
        SecureRandom random = new SecureRandom();
        VatIdentity withAlice = VatIdentity.generate(random);
        PeerLocator self = new PeerLocator("scripted-bob", TcpTestingOnly.TRANSPORT, Map.of());

        SigEnvelope give;
        try (ScriptedOcapnPeer toAlice = ScriptedOcapnPeer.dial(giversRef.node(), withAlice, self, WAIT)) {
            toAlice.ask(new Descriptor.Export(0), List.of(new Symbol("fetch"),
                    OcapnBootstrap.fetchArgument(giversRef.swissNumber())), 0, 1);
            toAlice.ask(new Descriptor.Answer(0), List.of(new Symbol("give")), 1, 2);
            List<Object> answer = toAlice.nextTo(2);
            assertThat(answer.getFirst()).isEqualTo(new Symbol("fulfill"));
            give = (SigEnvelope) answer.get(1);
        }
        HandoffGive certificate = (HandoffGive) give.signed();
        assertThat(certificate.receiverKey()).isEqualTo(StartSessions.rawKey(withAlice));

        try (ScriptedOcapnPeer toCarol = ScriptedOcapnPeer.dial(certificate.exporterLocation(),
                VatIdentity.generate(random), self, WAIT)) {
            SigEnvelope withdrawal = withdrawal(toCarol, 0, give, withAlice);
            toCarol.ask(new Descriptor.Export(0), List.of(new Symbol("withdraw-gift"), withdrawal), 0, 1);
            List<Object> gift = toCarol.nextTo(1);
            assertThat(gift.getFirst()).isEqualTo(new Symbol("fulfill"));
            long tally = ((Descriptor.ImportObject) gift.get(1)).position();
            toCarol.ask(new Descriptor.Export(tally), List.of(new Symbol("add"), 5L), 1, 2);
            assertThat(toCarol.nextTo(2)).containsExactly(new Symbol("fulfill"), 5L);

            toCarol.ask(new Descriptor.Export(0), List.of(new Symbol("withdraw-gift"), withdrawal), 2, 3);
            assertBroken(toCarol.nextTo(3), "handoff count 0 was used before");

            byte[] forged = give.signature();
            forged[0] ^= 1;
            toCarol.ask(new Descriptor.Export(0), List.of(new Symbol("withdraw-gift"),
                    withdrawal(toCarol, 1, new SigEnvelope(certificate, forged), withAlice)), 3, 4);
            assertBroken(toCarol.nextTo(4), "not signed by the gifter");

            byte[] tampered = withdrawal(toCarol, 2, give, withAlice).signature();
            tampered[63] ^= 1;
            SigEnvelope resigned = withdrawal(toCarol, 2, give, withAlice);
            toCarol.ask(new Descriptor.Export(0), List.of(new Symbol("withdraw-gift"),
                    new SigEnvelope(resigned.signed(), tampered)), 4, 5);
            assertBroken(toCarol.nextTo(5), "not signed by the receiver's key");
        }
        assertThat(counter.add(0).join(WAIT)).as("carol serves alice on").isEqualTo(5L);
    }

    /** Bob's signed withdrawal of {@code give} over {@code toCarol}, signed by his key with alice. */
    private static SigEnvelope withdrawal(ScriptedOcapnPeer toCarol, long count, SigEnvelope give, VatIdentity withAlice) {
        HandoffReceive receive = new HandoffReceive(toCarol.sessionId(), toCarol.side(), count, give);
        return new SigEnvelope(receive, withAlice.sign(CaptpWriter.encodeSigned(receive)));
    }

    private static void assertBroken(List<Object> answer, String why) {
        assertThat(answer.getFirst()).isEqualTo(new Symbol("break"));
        assertThat(answer.get(1)).isInstanceOfSatisfying(Problem.class, p -> {
            assertThat(p.kind()).isEqualTo(Problem.REFUSED);
            assertThat(p.message()).contains(why);
        });
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
