package dev.erg.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.server.hostile.WireClient.Frame;
import dev.erg.server.hostile.WireClient.Outcome;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Well-formed messages that break the session's rules (spec sections 2, 7 and 9.2): each is
 * refused with an {@code abort}, the connection then closes, a fresh client is served and a
 * neighbour's calls go on.
 */
class SessionAttackTest extends AttackFixture {

    /** Opens a session with the greeter's vat, sends {@code messages}, and answers the abort's reason. */
    private static String refusalOf(Object... messages) throws Exception {
        try (WireClient client = server.dialGreeter().open()) {
            client.startSession();
            for (Object message : messages) {
                client.send(message);
            }
            return client.abortThenClose();
        }
    }

    /** Sends {@code first} as the first frame, before any start-session, and answers the abort's reason. */
    private static String refusalOfFirst(Object first) throws Exception {
        try (WireClient client = server.dialGreeter().open()) {
            client.send(first);
            Frame hello = client.nextFrame();
            assertThat(WireClient.items(hello.message()).getFirst()).as("the server's start-session comes first").isEqualTo(0L);
            return client.abortThenClose();
        }
    }

    @Test
    void aMessageToAPositionNobodyHoldsIsRefused() throws Exception {
        assertThat(refusalOf(Cbor.message(1, Cbor.tag(Cbor.EXPORT, 12_345L), "greet", List.of("x"))))
                .contains("no export at position 12345");
        assertThat(refusalOf(WireClient.deliver(0, Cbor.tag(Cbor.ANSWER, 77L), "greet", "x")))
                .contains("no answer at position 77");
        assertThat(refusalOf(Cbor.message(4, Cbor.tag(Cbor.EXPORT, 999L), Cbor.tag(Cbor.IMPORT_OBJECT, 1L), false)))
                .contains("no export at position 999");
    }

    @Test
    void anAnswerPositionInUseIsNotReused() throws Exception {
        Object fetch = WireClient.deliver(0, Cbor.tag(Cbor.EXPORT, 0L), "fetch", (Object) new byte[32]);
        assertThat(refusalOf(fetch, fetch)).contains("answer position 0 is already in use");
    }

    @Test
    void aDisembargoNobodyAskedForIsRefused() throws Exception {
        assertThat(refusalOf(Cbor.message(9, Cbor.tag(Cbor.EXPORT, 0L), 5L))).contains("no embargo 5");
        assertThat(refusalOf(Cbor.message(9, Cbor.tag(Cbor.ANSWER, 99L), 0L))).contains("no answer at position 99");
    }

    @Test
    void aMessageBeforeStartSessionIsAProtocolError() throws Exception {
        assertThat(refusalOfFirst(WireClient.deliver(0, Cbor.tag(Cbor.EXPORT, 0L), "fetch", (Object) new byte[32])))
                .startsWith("protocol: ");
    }

    @Test
    void aSecondStartSessionIsAProtocolError() throws Exception {
        assertThat(refusalOf(Cbor.message(0, WireClient.ERG_1, new byte[32], List.of()))).startsWith("protocol: ");
    }

    @Test
    void anotherVersionIsRefused() throws Exception {
        try (WireClient client = server.dialGreeter().open()) {
            assertThat(refusalOfFirst(Cbor.message(0, "erg/2", client.vatId(), List.of()))).startsWith("version: ");
        }
    }

    @Test
    void claimingAnotherVatIdIsRefused() throws Exception {
        byte[] someoneElse = server.counter().vatId().bytes();
        assertThat(refusalOfFirst(Cbor.message(0, WireClient.ERG_1, someoneElse, List.of()))).startsWith("identity: ");
    }

    @Test
    void theVersionIsCheckedBeforeTheIdentity() throws Exception {
        assertThat(refusalOfFirst(Cbor.message(0, "erg/2", new byte[32], List.of()))).startsWith("version: ");
    }

    @Test
    void deliverWithNeitherAnswerPositionNorResolverIsAnInvalidValue() throws Exception {
        assertThat(refusalOf(Cbor.message(2, Cbor.tag(Cbor.EXPORT, 0L), "fetch", List.of(new byte[32]), null, null)))
                .startsWith("invalid-value: ");
    }

    @Test
    void gcExportsWithListsOfUnequalLengthIsAnInvalidValue() throws Exception {
        assertThat(refusalOf(Cbor.message(5, List.of(1L), List.of()))).startsWith("invalid-value: ");
    }

    @Test
    void theBootstrapObjectIgnoresPingAndBreaksOtherMethodsWithNotCallable() throws Exception {
        HostileServer.Greeting greeting = server.greet();
        try (WireClient client = greeting.client()) {
            client.send(Cbor.message(1, Cbor.tag(Cbor.EXPORT, 0L), "ping", List.of()));
            Outcome other = client.call(Cbor.tag(Cbor.EXPORT, 0L), "frobnicate").get(10, TimeUnit.SECONDS);
            assertThat(other.broken() ? other.problemKind() : other).isEqualTo("NotCallable");
            Outcome outcome = client.call(Cbor.tag(Cbor.EXPORT, greeting.greeter()), "greet", "Cy").get(10, TimeUnit.SECONDS);
            assertThat(outcome).as("the session goes on").isEqualTo(new Outcome(false, "Hello, Cy!"));
        }
    }

    @Test
    void gcAnswersForAPositionNotHeldIsIgnored() throws Exception {
        HostileServer.Greeting greeting = server.greet();
        try (WireClient client = greeting.client()) {
            client.send(Cbor.message(6, List.of(55L)));
            Outcome outcome = client.call(Cbor.tag(Cbor.EXPORT, greeting.greeter()), "greet", "Bo").get(10, TimeUnit.SECONDS);
            assertThat(outcome).isEqualTo(new Outcome(false, "Hello, Bo!"));
        }
    }
}
