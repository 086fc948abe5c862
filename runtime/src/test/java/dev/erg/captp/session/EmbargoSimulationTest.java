package dev.erg.captp.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.Promise;
import dev.erg.vat.Seeds;
import dev.erg.vat.spi.Refs;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Random runs over three vats whose links each deliver in order but with any delays: Alice
 * streams messages to an answer or a promise of Bob's, and Bob resolves it, at a random moment,
 * to Alice's own journal, to Carol's, or to his own. Whatever the delays, the journal receives
 * every message once, in the order sent: those that went the long way through Bob are never
 * overtaken by those sent on the shorter path once Alice heard where it leads.
 *
 * <p>Replay one seed with {@code -Derg.seed=N}; run more with {@code -Derg.seeds=N}.
 */
class EmbargoSimulationTest {

    private enum Destination { ALICE, BOB, CAROL }

    @Test
    void messagesThroughAReferenceThatFindsAShorterPathArriveInOrder() {
        Seeds.forEach("embargo simulation", 300, EmbargoSimulationTest::simulate);
    }

    @SuppressWarnings("unchecked")
    private static void simulate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        EmbargoTest.Journal alices = new EmbargoTest.Journal();
        EmbargoTest.Journal carols = new EmbargoTest.Journal();
        ThirdVatEmbargoTest.Keeper keeper = new ThirdVatEmbargoTest.Keeper();
        Account[] bobs = new Account[1];
        try (Triangle t = new Triangle(vat -> vat.export(alices, Account.class),
                vat -> bobs[0] = vat.export(keeper, Account.class), vat -> vat.export(carols, Account.class))) {
            Account bob = (Account) Refs.asType(t.alice.to(t.bob).peerBootstrap(), Account.class);
            Destination destination = Destination.values()[random.nextInt(3)];
            Account through;
            if (random.nextBoolean()) {
                through = bob.sibling().as(Account.class);
            } else {
                List<Object> list = (List<Object>) t.settle(bob.echo(0L));
                through = ((Promise<Object>) list.getFirst()).as(Account.class);
            }
            Object target = switch (destination) {
                case ALICE -> t.bob.to(t.alice).peerBootstrap();
                case BOB -> bobs[0];
                case CAROL -> t.bob.to(t.carol).peerBootstrap();
            };
            int messages = 10 + random.nextInt(40);
            int resolveAt = random.nextInt(messages);
            for (int i = 0; i < messages; i++) {
                if (i == resolveAt) {
                    keeper.pending.resolver().resolve(target);
                }
                through.note(Integer.toString(i));
                t.deliverRandomly(random, random.nextInt(4));
            }
            t.deliverRandomly(random, Integer.MAX_VALUE);
            EmbargoTest.Journal journal = switch (destination) {
                case ALICE -> alices;
                case BOB -> keeper;
                case CAROL -> carols;
            };
            assertThat(journal.calls).as("%s's journal", destination)
                    .isEqualTo(IntStream.range(0, messages).mapToObj(Integer::toString).toList());
        }
    }
}
