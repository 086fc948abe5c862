package dev.erg.bench.wire;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@link WireCompare}.
 *
 * @param rounds     measured rounds, each running every system once, in turn
 * @param warmUps    rounds run first and not reported, until the JVMs have compiled what the rounds run
 * @param seconds    length of each throughput run
 * @param roundTrips round trips per system per round
 * @param chains     chains per system per round
 * @param perf       whether to count context switches and system calls with {@code perf stat} afterwards
 * @param baseline   the class path of another build whose Erg server runs as one more row, or null
 * @param sender     who sends each call: a plain thread that waits for each answer, or, with
 *                   {@code --from-answers}, whatever receives the answer before
 */
record WireOptions(int rounds, int warmUps, int seconds, int roundTrips, int chains, boolean perf, String baseline,
                   Sender sender) {

    static final String USAGE = "usage: WireCompare [rounds] [--warm-up=W] [--seconds=S] [--round-trips=K] [--chains=C]"
            + " [--perf] [--baseline=JAR] [--from-answers] (defaults: 5 rounds after 3 of warm-up, 2 s, 2000 round trips,"
            + " 200 chains, no baseline, calls sent from a waiting thread)";

    /** Reads the arguments; a {@link IllegalArgumentException} says what was wrong with them. */
    static WireOptions parse(List<String> args) {
        int rounds = 5;
        int warmUps = 3;
        int seconds = 2;
        int roundTrips = 2_000;
        int chains = 200;
        boolean perf = false;
        String baseline = null;
        Sender sender = Sender.THREAD;
        for (String arg : args) {
            if (arg.equals("--perf")) {
                perf = true;
            } else if (arg.equals("--from-answers")) {
                sender = Sender.ANSWERS;
            } else if (arg.startsWith("--baseline=")) {
                baseline = arg.substring("--baseline=".length());
                if (!Files.isReadable(Path.of(baseline))) {
                    throw new IllegalArgumentException("--baseline: cannot read " + baseline);
                }
            } else if (arg.startsWith("--warm-up=")) {
                warmUps = positive(arg, 100);
            } else if (arg.startsWith("--seconds=")) {
                seconds = positive(arg, 600);
            } else if (arg.startsWith("--round-trips=")) {
                roundTrips = positive(arg, 10_000_000);
            } else if (arg.startsWith("--chains=")) {
                chains = positive(arg, 1_000_000);
            } else if (arg.matches("\\d+")) {
                rounds = positive("rounds=" + arg, 1_000);
            } else {
                throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        return new WireOptions(rounds, warmUps, seconds, roundTrips, chains, perf, baseline, sender);
    }

    private static int positive(String arg, int max) {
        String name = arg.substring(0, arg.indexOf('='));
        String value = arg.substring(arg.indexOf('=') + 1);
        String wrong = name + " must be a whole number from 1 to " + max + ", not '" + value + "'";
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(wrong);
        }
        if (n < 1 || n > max) {
            throw new IllegalArgumentException(wrong);
        }
        return n;
    }
}
