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
import dev.erg.ocapn.syrup.Tagged;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
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
 * {@code op:untag} over {@code tcp-testing-only}: a peer scripted operation by operation has an
 * Erg node echo a tagged value, then pipelines an untag to the echo's answer and listens to
 * the payload, or to the break of an untag under another tag; the session goes on.
 */
class OcapnUntagOverTcpTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Answers what it is given. */
    public interface Echo {
        Promise<Object> echo(Object value);
    }

    private final VatRuntime runtime = VatRuntime.create();
    private OcapnNode node;
    private ScriptedOcapnPeer peer;

    @BeforeEach
    void start() throws Exception {
        node = OcapnNode.start(runtime, WireLimits.defaults());
        node.listen(new InetSocketAddress("127.0.0.1", 0));
        Echo echo = Promise::of;
        SturdyRefLocator ref = LocatorUris.parseSturdyRef(node.sturdyRef(runtime.newVat("echo").export(echo, Echo.class)));
        peer = ScriptedOcapnPeer.dial(ref.node(), VatIdentity.generate(new SecureRandom()),
                new PeerLocator("scripted", TcpTestingOnly.TRANSPORT, Map.of()), WAIT);
        peer.ask(new Descriptor.Export(0), List.of(new Symbol("fetch"), OcapnBootstrap.fetchArgument(ref.swissNumber())),
                0, 1);
        peer.ask(new Descriptor.Answer(0), List.of(new Symbol("echo"), new Tagged("money", List.of(30L, "EUR"))), 1, 2);
    }

    @AfterEach
    void stop() throws Exception {
        peer.close();
        node.close();
        runtime.close();
    }

    @Test
    void untagPipelinedToAnAnswerYieldsThePayloadOfTheValueUnderThatTag() throws Exception {
        peer.send(new Operation.Untag(new Descriptor.Answer(1), "money", 2));
        peer.send(new Operation.Index(new Descriptor.Answer(2), 1, 3));
        peer.send(new Operation.Listen(new Descriptor.Answer(2), new Descriptor.ImportObject(3), false));
        assertThat(peer.nextTo(3)).containsExactly(new Symbol("fulfill"), List.of(30L, "EUR"));
        peer.send(new Operation.Listen(new Descriptor.Answer(3), new Descriptor.ImportObject(4), false));
        assertThat(peer.nextTo(4)).containsExactly(new Symbol("fulfill"), "EUR");
    }

    @Test
    void untagUnderAnotherTagBreaksOnlyItsAnswer() throws Exception {
        peer.send(new Operation.Untag(new Descriptor.Answer(1), "stock", 2));
        peer.send(new Operation.Listen(new Descriptor.Answer(2), new Descriptor.ImportObject(3), false));
        List<Object> broken = peer.nextTo(3);
        assertThat(broken.getFirst()).isEqualTo(new Symbol("break"));
        assertThat(broken.get(1)).isEqualTo(Problem.of(Problem.NOT_CALLABLE, "untag: the value is tagged \"money\", not \"stock\""));

        peer.send(new Operation.Untag(new Descriptor.Answer(1), "money", 4));
        peer.send(new Operation.Listen(new Descriptor.Answer(4), new Descriptor.ImportObject(5), false));
        assertThat(peer.nextTo(5)).as("the session goes on").containsExactly(new Symbol("fulfill"), List.of(30L, "EUR"));
    }
}
