package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.crypto.VatIdentity;
import dev.erg.ocapn.captp.Descriptor;
import dev.erg.ocapn.captp.LocatorUris;
import dev.erg.ocapn.captp.Operation;
import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.ocapn.captp.SturdyRefLocator;
import dev.erg.ocapn.netlayer.TcpTestingOnly;
import dev.erg.ocapn.session.OcapnBootstrap;
import dev.erg.ocapn.syrup.Symbol;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.RemoteName;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.WireLimits;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Promises broken with a value that is no error, over {@code tcp-testing-only}, as the public
 * OCapN test suite breaks them ({@code 'break 'oh-no}): a peer scripted operation by operation
 * hears the symbol itself, whether it broke an Erg promise with it or an Erg question of its
 * own, and the session goes on.
 */
class OcapnBreakReasonOverTcpTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Symbol OH_NO = new Symbol("oh-no");

    /** Settles one promise. */
    public interface Settle {
        @RemoteName("break")
        void breakWith(Problem reason);
    }

    /** An object that answers a promise and its settler, or what a peer's object answers. */
    public interface Vows {
        Promise<List<Object>> make();

        Promise<Object> ask(Probe probe);
    }

    /** An object of the peer's. */
    public interface Probe {
        Promise<Object> probe();
    }

    private final VatRuntime runtime = VatRuntime.create();
    private OcapnNode node;
    private ScriptedOcapnPeer peer;

    @BeforeEach
    void start() throws Exception {
        node = OcapnNode.start(runtime, WireLimits.defaults());
        node.listen(new InetSocketAddress("127.0.0.1", 0));
        Vows vows = new Vows() {
            @Override
            public Promise<List<Object>> make() {
                Deferred<Object> deferred = Promise.defer();
                Settle settle = reason -> deferred.resolver().reject(reason);
                return Promise.of(List.of(deferred.promise(), settle));
            }

            @Override
            public Promise<Object> ask(Probe probe) {
                return probe.probe();
            }
        };
        SturdyRefLocator ref = LocatorUris.parseSturdyRef(node.sturdyRef(runtime.newVat("vows").export(vows, Vows.class)));
        peer = ScriptedOcapnPeer.dial(ref.node(), VatIdentity.generate(new SecureRandom()),
                new PeerLocator("scripted", TcpTestingOnly.TRANSPORT, Map.of()), WAIT);
        peer.ask(new Descriptor.Export(0), List.of(new Symbol("fetch"), OcapnBootstrap.fetchArgument(ref.swissNumber())),
                0, 1);
    }

    @AfterEach
    void stop() throws Exception {
        peer.close();
        node.close();
        runtime.close();
    }

    @Test
    void aListenerHearsThePromiseBrokenWithTheSymbolItWasBrokenWith() throws Exception {
        peer.ask(new Descriptor.Answer(0), List.of(new Symbol("make")), 1, 2);
        List<Object> made = peer.nextTo(2);
        assertThat(made.getFirst()).isEqualTo(new Symbol("fulfill"));
        List<?> pair = (List<?>) made.get(1);
        long promise = ((Descriptor.ImportPromise) pair.get(0)).position();
        long settle = ((Descriptor.ImportObject) pair.get(1)).position();

        peer.send(new Operation.Listen(new Descriptor.Export(promise), new Descriptor.ImportObject(3), false));
        peer.send(new Operation.DeliverOnly(new Descriptor.Export(settle), List.of(new Symbol("break"), OH_NO)));
        assertThat(peer.nextTo(3)).containsExactly(new Symbol("break"), OH_NO);
    }

    @Test
    void anErgQuestionBrokenWithASymbolBreaksWithItAndTheSessionGoesOn() throws Exception {
        peer.ask(new Descriptor.Answer(0), List.of(new Symbol("ask"), new Descriptor.ImportObject(5)), 1, 6);
        Operation.Deliver question = peer.nextDeliveryTo(5);
        long settler = ((Descriptor.ImportObject) question.resolveMe()).position();
        peer.send(new Operation.DeliverOnly(new Descriptor.Export(settler), List.of(new Symbol("break"), OH_NO)));
        assertThat(peer.nextTo(6)).containsExactly(new Symbol("break"), OH_NO);

        peer.ask(new Descriptor.Answer(0), List.of(new Symbol("make")), 2, 7);
        assertThat(peer.nextTo(7).getFirst()).as("the session goes on").isEqualTo(new Symbol("fulfill"));
    }
}
