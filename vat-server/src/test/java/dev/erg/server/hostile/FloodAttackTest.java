package dev.erg.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.server.hostile.WireClient.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A peer that floods the server with calls it cannot make sense of: each answer breaks, the
 * session goes on, the server's log does not grow per message, and a neighbour's calls go on.
 */
class FloodAttackTest extends AttackFixture {

    @Test
    void wrongTypedArgumentsBreakTheirAnswersAndLogOnce() throws Exception {
        HostileServer.Greeting greeting = server.greet();
        int calls = 3_000;
        try (WireClient client = greeting.client(); LogCapture log = LogCapture.open()) {
            List<CompletableFuture<Outcome>> answers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                answers.add(client.call(Cbor.tag(Cbor.EXPORT, greeting.greeter()), "greet", (long) i));
            }
            List<String> kinds = new ArrayList<>();
            for (CompletableFuture<Outcome> answer : answers) {
                Outcome outcome = answer.get(20, TimeUnit.SECONDS);
                assertThat(outcome.broken()).as("a greeting of a number").isTrue();
                kinds.add(outcome.problemKind());
            }
            assertThat(kinds).as("spec section 9.3: the target cannot receive the message").containsOnly("NotCallable");
            assertThat(log.lines()).as("the server's log during %d wrong-typed calls", calls).hasSizeLessThanOrEqualTo(3);
        }
    }
}
