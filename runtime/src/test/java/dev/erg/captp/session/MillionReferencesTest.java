package dev.erg.captp.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.Promise;
import dev.erg.vat.spi.Refs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Distributed GC at scale: a million short-lived references cross a session, half exported by
 * each side, and once dropped every table is back at its starting size.
 */
class MillionReferencesTest {

    private static final int ROUNDS = 1_000;
    private static final int PER_ROUND = 1_000;

    @Test
    void aMillionShortLivedReferencesLeaveEveryTableAsItWas() throws InterruptedException {
        try (SessionPair pair = new SessionPair(new Ledger())) {
            Account bob = (Account) Refs.asType(pair.a.peerBootstrap(), Account.class);
            pair.settle(bob.balance());
            int[] aBefore = pair.a.tableSizes();
            int[] bBefore = pair.b.tableSizes();
            long answered = 0;
            for (int round = 0; round < ROUNDS; round++) {
                List<Promise<?>> answers = new ArrayList<>(PER_ROUND);
                for (int i = 0; i < PER_ROUND / 2; i++) {
                    // One of Bob's, imported by Alice; one of Alice's, imported by Bob and sent back.
                    answers.add(bob.sibling());
                    answers.add(bob.echo(pair.alice.export(new Ledger(), Account.class)));
                }
                pair.pump();
                for (Promise<?> answer : answers) {
                    answer.join(Duration.ZERO);
                    answered++;
                }
                if (round % 50 == 49) {
                    collect(pair);
                }
            }
            assertThat(answered).isEqualTo((long) ROUNDS * PER_ROUND);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!settledBack(pair, aBefore, bBefore) && System.nanoTime() < deadline) {
                collect(pair);
            }
            assertThat(pair.a.tableSizes()).as("alice's exports, imports, questions, answers").isEqualTo(aBefore);
            assertThat(pair.b.tableSizes()).as("bob's exports, imports, questions, answers").isEqualTo(bBefore);
        }
    }

    private static boolean settledBack(SessionPair pair, int[] aBefore, int[] bBefore) {
        return java.util.Arrays.equals(pair.a.tableSizes(), aBefore) && java.util.Arrays.equals(pair.b.tableSizes(), bBefore);
    }

    private static void collect(SessionPair pair) throws InterruptedException {
        // The harness keeps what Bob received for other tests' assertions; here it would pin every import.
        pair.receivedByB.clear();
        pair.trace.clear();
        System.gc();
        Thread.sleep(10);
        pair.pump();
    }
}
