package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.ocapn.session.Counter;
import dev.erg.ocapn.session.Tally;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.WireLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deliveries without a method symbol, methods named for the wire and messages no method is
 * named by, between two nodes speaking OCapN over {@code tcp-testing-only} on loopback.
 */
class OcapnMethodNamesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final VatRuntime runtime = VatRuntime.create();
    private final Vat bobsVat = runtime.newVat("bob");
    private final Vat alicesVat = runtime.newVat("alice");
    private OcapnNode alice;
    private OcapnNode bob;
    private Anything remote;

    @BeforeEach
    void start() throws InterruptedException {
        alice = OcapnNode.start(runtime, WireLimits.defaults());
        bob = OcapnNode.start(runtime, WireLimits.defaults());
        bob.listen(Peers.LOOPBACK_ANY_PORT);
        remote = alice.fetch(bob.sturdyRef(bobsVat.export(new AnythingObject(), Anything.class)), Anything.class)
                .join(WAIT);
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        runtime.close();
    }

    @Test
    void applyTravelsWithoutASymbolAndIsAnsweredWithItsArguments() {
        assertThat(remote.apply(List.of("foo", 1L, true)).join(WAIT)).containsExactly("foo", 1L, true);
        assertThat(remote.apply(List.of()).join(WAIT)).isEmpty();
    }

    @Test
    void anObjectCallsAReferenceItWasGivenWithoutASymbol() {
        List<List<Object>> heard = new ArrayList<>();
        Anything listener = alicesVat.export(new AnythingObject() {
            @Override
            public Promise<List<Object>> apply(List<Object> args) {
                synchronized (heard) {
                    heard.add(args);
                }
                return Promise.of(List.of("heard", args.size()));
            }
        }, Anything.class);
        assertThat(remote.greet(listener).join(WAIT)).containsExactly("heard", 1L);
        synchronized (heard) {
            assertThat(heard).containsExactly(List.of("Hello"));
        }
    }

    @Test
    void aRemoteNameIsTheNameOnTheWire() {
        assertThat(remote.sayHello("alice").join(WAIT)).isEqualTo("hello alice");
        assertThat(Ref.send(remote, "say-hello", "carol").join(WAIT)).isEqualTo("hello carol");
        assertThat(Ref.send(remote, "sayHello", "carol").join(WAIT)).isEqualTo("sayHello[carol]");
    }

    @Test
    void aMessageNamingNoMethodReachesTheOtherwiseMethod() {
        assertThat(Ref.send(remote, "make-car", "red", 3L).join(WAIT)).isEqualTo("make-car[red, 3]");
    }

    @Test
    void withoutAnOtherwiseMethodAnUnknownNameBreaksOnlyTheAnswer() {
        Counter counter = alice.fetch(bob.sturdyRef(bobsVat.export(new Tally(), Counter.class)), Counter.class)
                .join(WAIT);
        Promise<Object> unknown = Ref.send(counter, "explode", 1L);
        assertThatThrownBy(() -> unknown.join(WAIT)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().kind()).isEqualTo(Problem.NOT_CALLABLE));
        assertThat(counter.add(2).join(WAIT)).isEqualTo(2L);
        assertThat(alice.sessionCount()).isEqualTo(1);
    }
}
