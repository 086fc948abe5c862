package dev.erg.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reader's credit accounting on its own, without vats. */
class ReaderCreditTest {

    @Test
    void aGrantIsWorthAMessageAfterAQuarterOfTheWindowOrWhenAllIsConsumed() {
        ReaderCredit credit = new ReaderCredit(Window.fixed(8, 1_000));
        assertThat(credit.grant(true)).isTrue();
        assertThat(credit.itemLimit()).isEqualTo(8);
        credit.arrived(3, 30, false, false);
        credit.consumed(10);
        assertThat(credit.grant(false)).as("one of eight consumed, two unread").isFalse();
        credit.consumed(10);
        assertThat(credit.grant(false)).as("two of eight: a quarter").isTrue();
        assertThat(credit.itemLimit()).isEqualTo(10);
        credit.consumed(10);
        assertThat(credit.grant(false)).as("all received consumed, one not acknowledged").isTrue();
        assertThat(credit.grant(false)).as("nothing new").isFalse();
    }

    @Test
    void theWindowDoublesOnlyWhenTheReaderRunsDryAfterAWriterSaidItWasWaitingAndStopsAtItsLargest() {
        ReaderCredit credit = new ReaderCredit(new Window(4, 1 << 20, 32, 1 << 20));
        credit.grant(true);
        credit.arrived(4, 32, true, false);
        assertThat(credit.windowItems()).as("no batch said the writer was waiting").isEqualTo(4);
        for (int round = 0; round < 10; round++) {
            long unread = credit.itemLimit() - credit.consumed();
            for (long i = 0; i < unread; i++) {
                credit.consumed(8);
            }
            credit.grant(false);
            int n = (int) (credit.itemLimit() - credit.received());
            credit.arrived(n, 8L * n, true, true);
        }
        assertThat(credit.windowItems()).isEqualTo(32);

        ReaderCredit busy = new ReaderCredit(new Window(4, 1 << 20, 32, 1 << 20));
        busy.grant(true);
        busy.arrived(4, 32, false, true);
        busy.consumed(8);
        busy.grant(true);
        busy.arrived(1, 8, false, true);
        assertThat(busy.windowItems()).as("a reader with items to read was not starved").isEqualTo(4);
    }

    /** Whatever the writer sends within credit and the reader consumes, it never holds more than its window and one item. */
    @Test
    void unreadItemsStayWithinTheLargestWindowUnderAnyInterleaving() {
        for (long seed = 0; seed < 200; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Window window = new Window(random.nextInt(1, 16), random.nextLong(1, 512), 64, 2_048);
            ReaderCredit credit = new ReaderCredit(window);
            credit.grant(true);
            long unreadBytes = 0;
            ArrayDeque<Long> unread = new ArrayDeque<>();
            for (int step = 0; step < 2_000; step++) {
                if (random.nextBoolean()) {
                    int n = (int) Math.min(random.nextInt(1, 8), credit.itemLimit() - credit.received());
                    long weight = random.nextLong(0, 300);
                    if (n > 0 && credit.refusalOfCount(credit.received(), n) == null
                            && credit.refusalOfWeight(n, n * weight) == null) {
                        credit.arrived(n, n * weight, unread.isEmpty(), random.nextBoolean());
                        for (int i = 0; i < n; i++) {
                            unread.add(weight);
                        }
                        unreadBytes += n * weight;
                    }
                } else if (!unread.isEmpty()) {
                    long weight = unread.poll();
                    unreadBytes -= weight;
                    credit.consumed(weight);
                    credit.grant(false);
                }
                assertThat(unread.size()).as("seed %d", seed).isLessThanOrEqualTo(window.maxItems());
                assertThat(unreadBytes).as("seed %d", seed).isLessThanOrEqualTo(window.maxBytes() + 300 * 8);
            }
        }
    }
}
