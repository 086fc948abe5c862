package dev.erg.ocapn.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.crypto.SwissNumber;
import dev.erg.crypto.VatIdentity;
import dev.erg.ocapn.captp.CaptpWriter;
import dev.erg.ocapn.captp.Descriptor;
import dev.erg.ocapn.captp.Operation;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import dev.erg.vat.spi.Refs;
import dev.erg.wire.WireLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OcapnConnectionTest {

    private OcapnPair pair;
    private final Tally bobsTally = new Tally();

    @AfterEach
    void close() {
        if (pair != null) {
            pair.close();
        }
    }

    /** Opens the pair and returns Alice's reference to the tally Bob registered, fetched by swiss number. */
    private Counter fetch() {
        pair = new OcapnPair();
        SwissNumber swiss = pair.bobsRefs.register(pair.bob.export(bobsTally, Counter.class), null);
        pair.pump();
        Promise<Object> fetched = Ref.send(pair.a.session().peerBootstrap(), "fetch",
                (Object) OcapnBootstrap.fetchArgument(swiss.text()));
        return (Counter) Refs.asType(pair.settle(fetched), Counter.class);
    }

    @Test
    void eachSideStartsWithASignedStartSessionAndBothSessionsOpen() {
        pair = new OcapnPair();
        pair.pump();
        assertThat(pair.trace).containsExactly("a>b op:start-session", "b>a op:start-session");
        assertThat(pair.a.opened()).isCompleted();
        assertThat(pair.b.opened()).isCompleted();
        assertThat(pair.b.peer().location()).isEqualTo(OcapnPair.ALICE);
        assertThat(pair.a.peer().sessionKey().toByteArray()).isEqualTo(StartSessions.rawKey(pair.b.key()));
        assertThat(pair.b.peer().sessionKey().toByteArray()).isEqualTo(StartSessions.rawKey(pair.a.key()));
    }

    @Test
    void anObjectFetchedBySwissNumberAnswersCalls() {
        Counter tally = fetch();
        assertThat(pair.settle(tally.add(40))).isEqualTo(40L);
        assertThat(pair.settle(tally.add(2))).isEqualTo(42L);
        assertThat(pair.trace).contains("a>b op:deliver", "b>a op:deliver-only", "a>b op:gc-answers");
        Operation.Deliver fetch = (Operation.Deliver) pair.sent.get(2);
        assertThat(fetch.to()).isEqualTo(new Descriptor.Export(0));
    }

    @Test
    void anUnknownSwissNumberBreaksTheFetchWithNotFound() {
        pair = new OcapnPair();
        pair.pump();
        Promise<Object> fetched = Ref.send(pair.a.session().peerBootstrap(), "fetch",
                (Object) "no such number".getBytes(StandardCharsets.UTF_8));
        pair.pump();
        assertThat(Ref.problem(fetched)).isEqualTo(dev.erg.captp.session.SturdyTable.NOT_FOUND);
    }

    @Test
    void messagesArePipelinedToAnAnswerBeforeItSettles() {
        Counter tally = fetch();
        Promise<Counter> sibling = tally.sibling();
        Promise<Long> added = ((Counter) Refs.asType(sibling, Counter.class)).add(7);
        assertThat(pair.settle(added)).isEqualTo(7L);
        List<Operation.Deliver> delivers = pair.sent.stream()
                .filter(Operation.Deliver.class::isInstance).map(Operation.Deliver.class::cast).toList();
        assertThat(delivers.getLast().to()).isInstanceOf(Descriptor.Answer.class);
        assertThat(Ref.kind(pair.settle(sibling))).isEqualTo(RefKind.EVENTUAL);
    }

    @Test
    void aThrownProblemBreaksThePromiseWithItsKindAndMessage() {
        Counter tally = fetch();
        Promise<Long> failed = tally.fail("not today");
        pair.pump();
        assertThat(Ref.problem(failed)).isEqualTo(new Problem(Problem.REFUSED, "not today"));
    }

    @Test
    void referencesPassBothWaysAndSendOnlyMessagesArrive() {
        Counter tally = fetch();
        Tally alicesOwn = new Tally();
        Counter mine = pair.alice.export(alicesOwn, Counter.class);
        Object echoed = pair.settle(tally.echo(mine));
        tally.note("hello");
        pair.pump();
        assertThat(bobsTally.notes).containsExactly("hello");
        assertThat(pair.trace).contains("a>b op:deliver-only");
        assertThat(pair.settle(((Counter) Refs.asType(echoed, Counter.class)).add(3))).isEqualTo(3L);
    }

    @Test
    void answersAreFreedAndDroppedReferencesAreCollectedOnBothSides() throws InterruptedException {
        Counter tally = fetch();
        int[] aBefore = pair.a.session().tableSizes();
        int[] bBefore = pair.b.session().tableSizes();
        for (int i = 0; i < 200; i++) {
            Counter sibling = (Counter) Refs.asType(pair.settle(tally.sibling()), Counter.class);
            pair.settle(sibling.add(1));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((pair.a.session().tableSizes()[1] != aBefore[1] || pair.b.session().tableSizes()[0] != bBefore[0])
                && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
            pair.pump();
        }
        assertThat(pair.a.session().tableSizes()[1]).as("alice's imports").isEqualTo(aBefore[1]);
        assertThat(pair.b.session().tableSizes()[0]).as("bob's exports").isEqualTo(bBefore[0]);
        assertThat(pair.b.session().tableSizes()[3]).as("bob's answers").isZero();
        assertThat(pair.trace).contains("a>b op:gc-exports", "a>b op:gc-answers");
    }

    @Test
    void garbageIsAnsweredWithAnAbortSayingWhatAndBreaksThePeersPromises() {
        Counter tally = fetch();
        pair.toBob("hello".getBytes(StandardCharsets.US_ASCII));
        Promise<Long> late = tally.add(1);
        pair.pump();
        assertThat(pair.bClosed).isTrue();
        Operation.Abort abort = pair.sent.stream().filter(Operation.Abort.class::isInstance)
                .map(Operation.Abort.class::cast).findFirst().orElseThrow();
        assertThat(abort.reason()).startsWith("malformed: ");
        assertThat(pair.aClosed).as("alice closes on the abort").isTrue();
        assertThat(Ref.problem(late).kind()).isEqualTo(Problem.UNAVAILABLE);
        assertThat(Ref.problem(late).message()).contains("peer aborted: malformed");
    }

    @Test
    void anOperationLongerThanTheFrameLimitIsRefused() {
        pair = new OcapnPair(WireLimits.defaults().toBuilder().maxFrameBytes(400).build());
        pair.pump();
        pair.toBob(("<8'op:abort500\"" + "x".repeat(500) + ">").getBytes(StandardCharsets.US_ASCII));
        assertThat(pair.bClosed).isTrue();
        assertThat(((Operation.Abort) pair.sent.getLast()).reason()).startsWith("limit: ");
    }

    @Test
    void anOperationBeforeTheStartSessionIsRefused() {
        pair = new OcapnPair();
        byte[] early = CaptpWriter.plain(WireLimits.defaults()).encode(new Operation.GcAnswers(List.of(1L)));
        pair.toBob(early);
        assertThat(pair.bClosed).isTrue();
        assertThat(((Operation.Abort) pair.sent.getLast()).reason())
                .isEqualTo("protocol: op:gc-answers before op:start-session");
        assertThat(pair.b.opened()).isCompletedExceptionally();
    }

    @Test
    void aStartSessionWhoseSignatureIsNotTheKeysIsRefused() {
        pair = new OcapnPair();
        VatIdentity key = VatIdentity.generate(pair.random);
        VatIdentity other = VatIdentity.generate(pair.random);
        Operation.StartSession honest = StartSessions.sign(key, OcapnPair.ALICE);
        Operation.StartSession forged = new Operation.StartSession("1.0", StartSessions.rawKey(other),
                honest.location(), honest.locationSignature());
        pair.toBob(CaptpWriter.plain(WireLimits.defaults()).encode(forged));
        assertThat(((Operation.Abort) pair.sent.getLast()).reason())
                .isEqualTo("invalid-value: op:start-session whose location signature is not the session key's");
    }

    @Test
    void aStartSessionOfAnotherVersionIsRefused() {
        pair = new OcapnPair();
        VatIdentity key = VatIdentity.generate(pair.random);
        Operation.StartSession honest = StartSessions.sign(key, OcapnPair.ALICE);
        Operation.StartSession other = new Operation.StartSession("2.0", honest.sessionKey(), honest.location(),
                honest.locationSignature());
        pair.toBob(CaptpWriter.plain(WireLimits.defaults()).encode(other));
        assertThat(((Operation.Abort) pair.sent.getLast()).reason()).contains("version '2.0'");
    }

    @Test
    void aDialerThatReachesAnotherNodeAborts() {
        pair = new OcapnPair();
        VatIdentity key = VatIdentity.generate(pair.random);
        byte[] impostor = CaptpWriter.plain(WireLimits.defaults()).encode(StartSessions.sign(key, OcapnPair.ALICE));
        pair.a.received(impostor);
        assertThat(pair.aClosed).isTrue();
        assertThat(((Operation.Abort) pair.sent.getLast()).reason()).startsWith("protocol: dialed ocapn://bob.");
    }

    @Test
    void anAbortFromThePeerEndsTheSessionWithItsReason() {
        Counter tally = fetch();
        pair.b.abort("shutdown: going away");
        Promise<Long> late = tally.add(1);
        pair.pump();
        assertThat(Ref.problem(late).message()).contains("peer aborted: shutdown: going away");
        assertThat(pair.a.session().problem()).isNotNull();
    }
}
