package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatIdentity;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The examples of the network packages' documentation, which quotes the regions marked here. */
class NodeExamplesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What the examples serve. */
    public interface Counter {
        Promise<Long> increment(long by);
    }

    static final class Tally implements Counter {
        private long count;

        @Override
        public Promise<Long> increment(long by) {
            count += by;
            return Promise.of(count);
        }
    }

    @Test
    void aSturdyRefConnectsAVatOfAnotherNode() throws Exception {
        VatIdentity bobIdentity = Peers.identity(41);
        VatIdentity aliceIdentity = Peers.identity(42);
        try (VatRuntime runtime = VatRuntime.create()) {
            // @start region="connect"
            Vat bob = runtime.newVat("bob");
            Node bobNode = Node.start(bobIdentity, runtime, NetConfig.defaults(), PassableRegistry.empty());
            bobNode.listen(new InetSocketAddress("127.0.0.1", 0));
            String text = bobNode.sturdyRef(bob.export(new Tally(), Counter.class), null).toString();

            Node aliceNode = Node.start(aliceIdentity, runtime, NetConfig.defaults(), PassableRegistry.empty());
            Counter far = aliceNode.connect(SturdyRef.parse(text), Counter.class).join(Duration.ofSeconds(5));
            Promise<Long> answer = far.increment(5);                // the same eventual send as in one JVM
            // @end
            try {
                assertThat(answer.join(WAIT)).isEqualTo(5L);
            } finally {
                aliceNode.close();
                bobNode.close();
            }
        }
    }

    @Test
    void everyIdentityIsANewKey() {
        // @start region="identity"
        VatIdentity identity = VatIdentity.generate(new SecureRandom());
        // @end
        assertThat(identity.vatId()).isNotEqualTo(VatIdentity.generate(new SecureRandom()).vatId());
    }
}
