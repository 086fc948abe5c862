package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.Ref;
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

    private TwoNodes nodes;

    @AfterEach
    void close() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void namedUnnamedAndUnknownMessagesReachTheirMethods() throws Exception {
        nodes = new TwoNodes(41, 42);
        Anything remote = nodes.served(new AnythingObject(), Anything.class);

        assertThat(remote.sayHello("alice").join(WAIT)).isEqualTo("hello alice");
        assertThat(Ref.send(remote, "say-hello", "carol").join(WAIT)).isEqualTo("hello carol");
        assertThat(Ref.send(remote, "make-car", "red").join(WAIT)).isEqualTo("make-car[red]");
        assertThat(remote.apply(List.of("foo", 1L)).join(WAIT)).containsExactly("foo", 1L);
    }
}
