package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.vat.Ref;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @RemoteName}, {@code @Otherwise} and {@code apply(List)} between two nodes on
 * {@code erg/1}: the same names reach the same methods as over OCapN (spec/ocapn.md 7.4).
 */
class Erg1MethodNamesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final VatRuntime runtime = VatRuntime.create();
    private Node alice;
    private Node bob;

    @AfterEach
    void close() {
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
        runtime.close();
    }

    @Test
    void namedUnnamedAndUnknownMessagesReachTheirMethods() throws Exception {
        alice = Node.start(Peers.identity(41), runtime, NetConfig.defaults(), PassableRegistry.empty());
        bob = Node.start(Peers.identity(42), runtime, NetConfig.defaults(), PassableRegistry.empty());
        bob.listen(Peers.LOOPBACK_ANY_PORT);
        SturdyRef ref = bob.sturdyRef(runtime.newVat("bob").export(new AnythingObject(), Anything.class), null);
        Anything remote = alice.connect(ref, Anything.class).join(WAIT);

        assertThat(remote.sayHello("alice").join(WAIT)).isEqualTo("hello alice");
        assertThat(Ref.send(remote, "say-hello", "carol").join(WAIT)).isEqualTo("hello carol");
        assertThat(Ref.send(remote, "make-car", "red").join(WAIT)).isEqualTo("make-car[red]");
        assertThat(remote.apply(List.of("foo", 1L)).join(WAIT)).containsExactly("foo", 1L);
    }
}
