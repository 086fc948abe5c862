package dev.erg.server.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableHostTest {

    /** A counter whose {@code fail} changes the state, then throws. */
    public interface Box {
        Promise<Long> add(long by);

        Promise<Long> addThenFail(long by);

        Promise<Long> value();
    }

    record BoxState(long value) {
    }

    static final class BoxCode implements Box {
        private final Self<BoxState> self;

        BoxCode(Self<BoxState> self) {
            this.self = self;
        }

        @Override
        public Promise<Long> add(long by) {
            self.update(new BoxState(self.state().value() + by));
            return Promise.of(self.state().value());
        }

        @Override
        public Promise<Long> addThenFail(long by) {
            add(by);
            throw new ProblemException(Problem.of("Declined", "no"));
        }

        @Override
        public Promise<Long> value() {
            return Promise.of(self.state().value());
        }
    }

    static final Kind<BoxState, Box> BOX = new Kind<>("box", BoxState.class, Box.class, BoxCode::new);

    @TempDir
    Path tmp;

    private final VatIdentity identity = VatIdentity.generate(new SecureRandom());
    private VatRuntime runtime;
    private Vat vat;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void runtime() {
        runtime = VatRuntime.builder().build();
        vat = runtime.newVat("test");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        runtime.close();
    }

    private DurableHost open(int batch) {
        DurableHost host = DurableHost.open(Storage.sqlite(tmp.resolve("durable.db")), identity.vatId(), batch);
        opened.add(host);
        return host;
    }

    private <T> T await(Supplier<Promise<T>> call) {
        return vat.callPromise(call).join(Duration.ofSeconds(10));
    }

    @Test
    void stateSurvivesReopeningAndEachOpenIsANewGeneration() {
        DurableHost first = open(1);
        Box box = first.root("boxes", vat, BOX, () -> new BoxState(5));
        assertThat(await(() -> box.add(2))).isEqualTo(7);
        assertThat(await(() -> box.add(3))).isEqualTo(10);
        assertThat(first.generation()).isEqualTo(1);
        first.close();

        DurableHost second = open(1);
        Box again = second.root("boxes", vat, BOX, () -> new BoxState(0));
        assertThat(await(again::value)).isEqualTo(10);
        assertThat(second.generation()).isEqualTo(2);
    }

    @Test
    void aTurnThatThrowsChangesNothing() {
        DurableHost host = open(1);
        Box box = host.root("boxes", vat, BOX, () -> new BoxState(0));
        await(() -> box.add(1));
        assertThatThrownBy(() -> await(() -> box.addThenFail(100)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().kind()).isEqualTo("Declined"));
        assertThat(await(box::value)).isEqualTo(1);
        host.close();
        assertThat(await(() -> open(1).root("boxes", vat, BOX, () -> new BoxState(0)).value())).isEqualTo(1);
    }

    @Test
    void groupCommitKeepsEveryAnsweredTurn() {
        DurableHost host = open(64);
        Box box = host.root("boxes", vat, BOX, () -> new BoxState(0));
        List<Promise<Long>> answers = vat.call(() -> {
            List<Promise<Long>> all = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                all.add(box.add(1));
            }
            return all;
        }).join(Duration.ofSeconds(10));
        for (Promise<Long> answer : answers) {
            answer.join(Duration.ofSeconds(10));
        }
        assertThat(host.commits()).isLessThan(1000);
        host.close();
        assertThat(await(() -> open(64).root("boxes", vat, BOX, () -> new BoxState(0)).value())).isEqualTo(1000);
    }

    @Test
    void aStoredKindWithoutCodeIsReported() {
        DurableHost host = open(1);
        host.root("boxes", vat, BOX, () -> new BoxState(0));
        host.close();
        DurableHost again = open(1);
        assertThat(again.unboundKinds()).containsEntry("box", 1L);
    }

    @Test
    void anotherKindUnderTheSameRootIsRefused() {
        DurableHost host = open(1);
        host.root("boxes", vat, BOX, () -> new BoxState(0));
        Kind<BoxState, Box> other = new Kind<>("other-box", BoxState.class, Box.class, BoxCode::new);
        assertThatThrownBy(() -> host.root("boxes", vat, other, () -> new BoxState(0)))
                .isInstanceOf(StoredDataException.class)
                .hasMessageContaining("is of kind box, but the service now offers kind other-box");
    }

    /** Letters straight to the mailbox of a node: duplicates, gaps and rewrites. */
    @Test
    void theMailboxConsumesEachLetterOnceAndRefusesWhatOnlyAmnesiaExplains() throws Exception {
        DurableHost host = open(8);
        Box box = host.root("boxes", vat, BOX, () -> new BoxState(0));
        Mailbox mailbox = attach(host, box);
        String stream = stream(0);
        byte[] three = codec.encode(new Object[]{3L});

        Letter first = new Letter(stream, "peer", 1, START, 0, 1, 0, swiss.text(), "add", three);
        Receipt receipt = await(() -> mailbox.deliver(first));
        assertThat(receipt.problem()).as("%s", receipt.problem()).isNull();
        assertThat(codec.decodePlain(receipt.answer())).isEqualTo(3);
        assertThat(await(() -> mailbox.deliver(first)).answer()).isEqualTo(receipt.answer());
        assertThat(await(box::value)).isEqualTo(3);
        Letter second = new Letter(stream, "peer", 1, START, 1, 2, 1, swiss.text(), "add", three);
        assertThat(codec.decodePlain(await(() -> mailbox.deliver(second)).answer())).isEqualTo(6);
        assertThatThrownBy(() -> await(() -> mailbox.deliver(first)))
                .as("a letter whose receipt its sender confirmed")
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem())
                        .isEqualTo(new Problem(Mailbox.CONFIRMED, "letter 1 of this stream was confirmed by its sender already")));
        assertThat(host.alarms()).as("a late copy may explain a confirmed letter: the stream goes on").hasSize(1);

        Letter rewritten = new Letter(stream, "peer", 1, START, 1, 2, 1, swiss.text(), "add", codec.encode(new Object[]{4L}));
        assertAmnesia(() -> mailbox.deliver(rewritten), "a different letter was consumed under this number");
        Letter gap = new Letter(stream(1), "peer", 1, START, 1, 3, 1, swiss.text(), "add", three);
        assertAmnesia(() -> mailbox.deliver(gap), "this vat was restored from an older copy");
        Letter future = new Letter(stream(2), "peer", 1, START, 9, 1, 0, swiss.text(), "add", three);
        assertAmnesia(() -> mailbox.deliver(future), "only at generation");
        Letter rollback = new Letter(stream, "peer", 1, START, 1, 3, 0, swiss.text(), "add", three);
        assertAmnesia(() -> mailbox.deliver(rollback), "this stream is stopped: letter 2 was refused: a different letter");
        assertThat(await(box::value)).isEqualTo(6);
        assertThat(host.alarms()).as("one alarm per stream, its refusals after the first counted as repeats").hasSize(3);
        assertThat(host.alarmList(false).getFirst().repeats()).isEqualTo(1);
    }

    /**
     * A sender restored from an older copy sends other letters under numbers the receiver
     * consumed, then letters past them: the first refusal stops the stream, so none of the
     * later ones is consumed, and the stop survives a restart.
     */
    @Test
    void aStreamThatRefusedALetterTakesNoLaterOneEvenAfterARestart() throws Exception {
        DurableHost host = open(8);
        Box box = host.root("boxes", vat, BOX, () -> new BoxState(0));
        Mailbox mailbox = attach(host, box);
        String stream = stream(3);
        byte[] one = codec.encode(new Object[]{1L});
        byte[] ten = codec.encode(new Object[]{10L});
        for (long seq = 1; seq <= 3; seq++) {
            long n = seq;
            await(() -> mailbox.deliver(new Letter(stream, "peer", 2, START, 0, n, 0, swiss.text(), "add", one)));
        }
        assertThat(await(box::value)).isEqualTo(3);

        assertAmnesia(() -> mailbox.deliver(new Letter(stream, "peer", 2, START, 1, 2, 0, swiss.text(), "add", ten)),
                "a different letter was consumed under this number");
        assertAmnesia(() -> mailbox.deliver(new Letter(stream, "peer", 2, START, 1, 4, 0, swiss.text(), "add", ten)),
                "this stream is stopped: letter 2 was refused");
        assertThat(await(box::value)).as("the letter after those consumed is refused too").isEqualTo(3);

        host.close();
        DurableHost again = open(8);
        Box restarted = again.root("boxes", vat, BOX, () -> new BoxState(0));
        Mailbox reopened = attach(again, restarted);
        assertAmnesia(() -> reopened.deliver(new Letter(stream, "peer", 2, START, 1, 4, 0, swiss.text(), "add", ten)),
                "this stream is stopped: letter 2 was refused");
        assertThat(await(restarted::value)).isEqualTo(3);
    }

    /** The incarnation of the sender's start that the letters of these tests come from. */
    private static final String START = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";

    /**
     * A sender restored from a copy of its store taken before its last start starts under the
     * same generation again and sends, byte for byte, letters the receiver consumed: only its
     * incarnation tells it apart, and the receiver remembers that across its own restart.
     */
    @Test
    void aRestoredSenderThatRepeatsItselfByteForByteIsRefusedByItsIncarnation() throws Exception {
        DurableHost host = open(8);
        Mailbox mailbox = attach(host, host.root("boxes", vat, BOX, () -> new BoxState(0)));
        String stream = stream(4);
        byte[] one = codec.encode(new Object[]{1L});
        for (long seq = 1; seq <= 3; seq++) {
            long n = seq;
            await(() -> mailbox.deliver(new Letter(stream, "peer", 2, START, 0, n, 0, swiss.text(), "add", one)));
        }
        host.close();

        DurableHost again = open(8);
        Box box = again.root("boxes", vat, BOX, () -> new BoxState(0));
        Mailbox reopened = attach(again, box);
        String restored = "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f";
        assertAmnesia(() -> reopened.deliver(new Letter(stream, "peer", 2, restored, 1, 2, 0, swiss.text(), "add", one)),
                "two starts of vat peer both write as generation 2");
        assertAmnesia(() -> reopened.deliver(new Letter(stream, "peer", 2, START, 1, 4, 0, swiss.text(), "add", one)),
                "this stream is stopped: letter 2 was refused: two starts");
        assertThat(await(box::value)).isEqualTo(3);
        assertThat(again.alarms()).singleElement().asString().contains("two starts of vat peer");
    }

    /**
     * Alarms are kept in the store: they outlive a restart until an operator acknowledges
     * them, and after, as acknowledged; none is dropped for want of room.
     */
    @Test
    void alarmsSurviveRestartsUntilAcknowledgedAndNoneIsDropped() throws Exception {
        DurableHost host = open(8);
        Mailbox mailbox = attach(host, host.root("boxes", vat, BOX, () -> new BoxState(0)));
        byte[] one = codec.encode(new Object[]{1L});
        int streams = 150;
        for (int n = 0; n < streams; n++) {
            Letter gap = new Letter(stream(n), "peer", 1, START, 0, 2, 1, swiss.text(), "add", one);
            assertAmnesia(() -> mailbox.deliver(gap), "this vat was restored from an older copy");
        }
        assertThat(host.alarms()).as("more than the hundred once kept in memory").hasSize(streams);
        host.close();

        DurableHost again = open(8);
        again.root("boxes", vat, BOX, () -> new BoxState(0));
        List<Alarm> open = again.alarmList(false);
        assertThat(open).as("alarms outlive a restart").hasSize(streams)
                .allSatisfy(alarm -> assertThat(alarm.what()).contains("this vat was restored from an older copy"));
        assertThat(open).extracting(Alarm::subject).startsWith("stream " + stream(0), "stream " + stream(1));
        long first = open.getFirst().id();
        assertThat(again.acknowledgeAlarm(first)).isTrue();
        assertThat(again.acknowledgeAlarm(first)).as("only once").isFalse();
        assertThat(again.acknowledgeAlarm(first + 10_000)).as("never raised").isFalse();
        assertThat(again.alarms()).hasSize(streams - 1);
        again.close();

        DurableHost third = open(8);
        third.root("boxes", vat, BOX, () -> new BoxState(0));
        assertThat(third.alarmList(false)).hasSize(streams - 1).extracting(Alarm::id).doesNotContain(first);
        List<Alarm> all = third.alarmList(true);
        assertThat(all).hasSize(streams);
        assertThat(all.getFirst().id()).isEqualTo(first);
        assertThat(all.getFirst().isAcknowledged()).as("the acknowledgement outlives a restart too").isTrue();
    }

    private final StateCodec codec = new StateCodec();
    private final SwissNumber swiss = SwissNumber.random(new SecureRandom());

    private static String stream(int n) {
        byte[] id = new byte[16];
        id[15] = (byte) n;
        return HexFormat.of().formatHex(id);
    }

    /** Starts a node that serves {@code box} under {@link #swiss} and attaches {@code host} to it. */
    private Mailbox attach(DurableHost host, Box box) throws Exception {
        PassableRegistry.Builder registry = PassableRegistry.builder();
        Mailbox.PASSABLES.forEach(registry::add);
        Node node = Node.start(identity, runtime, NetConfig.defaults(), registry.build());
        opened.add(node);
        InetSocketAddress at = node.listen(new InetSocketAddress("127.0.0.1", 0));
        node.reinstate(new SturdyRef(identity.vatId(), List.of(at), swiss), box);
        host.attach(node, List.of(at), runtime.newVat("mailbox"), runtime.newVat("outbox"));
        return (Mailbox) node.lookup(Mailbox.SWISS).orElseThrow();
    }

    private void assertAmnesia(Supplier<Promise<Receipt>> call, String why) {
        assertThatThrownBy(() -> await(call))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().kind()).isEqualTo(Mailbox.AMNESIA);
                    assertThat(e.problem().message()).contains(why);
                });
    }
}
