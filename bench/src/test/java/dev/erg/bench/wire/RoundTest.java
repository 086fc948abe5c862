package dev.erg.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundTest {

    @Test
    void percentilesComeFromTheSortedSamples() {
        long[] samples = {50, 10, 40, 20, 30};
        assertThat(Round.percentile(samples, 0.5)).isEqualTo(30);
        assertThat(Round.percentile(samples, 0.99)).isEqualTo(50);
        assertThat(samples).containsExactly(50, 10, 40, 20, 30);
    }

    @Test
    void theMedianOfRoundsIsTakenFigureByFigure() {
        List<Round> rounds = List.of(new Round(1, 9, 100, 5), new Round(3, 7, 300, 4), new Round(2, 8, 200, 6));
        assertThat(Round.median(rounds)).isEqualTo(new Round(2, 8, 200, 5));
        assertThat(Round.median(rounds.subList(0, 2), Round::perSecond)).isEqualTo(200);
    }

    @Test
    void roundTripsAndChainsAlternateInBlocksBeforeTheThroughput() throws Exception {
        Scripted system = new Scripted();
        Round round = Round.measure(system, new WireOptions(1, 1, 2, 10, 3, false, null, Sender.THREAD));
        assertThat(system.calls).containsExactly("round trips 2", "round trips 3", "chains 1", "round trips 2",
                "chains 1", "round trips 3", "chains 1", "throughput 2");
        // Each block's samples are its size in microseconds: the medians come from every block.
        assertThat(round.rttP50()).isEqualTo(3_000);
        assertThat(round.chainP50()).isEqualTo(10_000);
        assertThat(round.chainPerRoundTrip()).isEqualTo(10_000 / 3_000.0);
    }

    /** A system that answers at once, and says in what order it was asked. */
    private static final class Scripted implements WireSystem {

        final List<String> calls = new ArrayList<>();

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public String transport() {
            return "none";
        }

        @Override
        public String chainStep() {
            return "none";
        }

        @Override
        public long serverPid() {
            return 0;
        }

        @Override
        public long[] roundTrips(int count, Sender sender) {
            calls.add("round trips " + count);
            return samples(count, count * 1_000L);
        }

        @Override
        public double throughput(int seconds, Sender sender) {
            calls.add("throughput " + seconds);
            return 1;
        }

        @Override
        public long[] chains(int count, Sender sender) {
            calls.add("chains " + count);
            return samples(count, 10_000L);
        }

        @Override
        public void close() {
        }

        private static long[] samples(int count, long each) {
            long[] samples = new long[count];
            Arrays.fill(samples, each);
            return samples;
        }
    }
}
