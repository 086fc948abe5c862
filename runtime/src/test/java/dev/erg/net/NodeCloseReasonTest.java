package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.vat.Problem;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A node closed with a reason tells its peers, whose references break saying why. */
class NodeCloseReasonTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void peersLearnTheReason() throws Exception {
        try (VatRuntime runtime = VatRuntime.create();
             Node alice = Node.start(Peers.identity(51), runtime, NetConfig.defaults(), PassableRegistry.empty())) {
            Node bob = Node.start(Peers.identity(52), runtime, NetConfig.defaults(), PassableRegistry.empty());
            bob.listen(Peers.LOOPBACK_ANY_PORT);
            SturdyRef ref = bob.sturdyRef(runtime.newVat("bob").export(new NodeTest.Tally(), NodeTest.Counter.class), null);
            NodeTest.Counter counter = alice.connect(ref, NodeTest.Counter.class).join(WAIT);
            assertThat(counter.increment(1).join(WAIT)).isEqualTo(1L);

            bob.close("shutdown: maintenance");

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (Ref.kind(counter) != RefKind.BROKEN && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Problem why = Ref.problem(counter);
            assertThat(why).isNotNull();
            assertThat(why.kind()).isEqualTo(Problem.UNAVAILABLE);
            assertThat(why.message()).isEqualTo("connection to vat " + bob.vatId() + " lost: peer aborted: shutdown: maintenance");
        }
    }
}
