package dev.erg.bench.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Markdown {@link WireCompare} prints: each system's medians, then Erg's ratios to the others. */
final class Report {

    private Report() {
    }

    static List<String> table(Map<WireSystem, List<Round>> rounds) {
        List<String> lines = new ArrayList<>();
        lines.add("| system | RTT p50 | RTT p99 | msg/s, " + String.format("%,d", WireSystem.OUTSTANDING)
                + " outstanding | " + WireSystem.CHAIN + "-call chain p50 |");
        lines.add("|---|---:|---:|---:|---:|");
        rounds.forEach((system, measured) -> {
            Round m = Round.median(measured);
            lines.add(String.format("| %s | %s | %s | %,.0f | %s |", system.name(), time(m.rttP50()), time(m.rttP99()),
                    m.perSecond(), time(m.chainP50())));
        });
        return lines;
    }

    /**
     * Each system's chain over its own round trip: round by round, the two measured in
     * alternating blocks of the same round, and of the medians over rounds.
     */
    static List<String> chainPerRoundTrip(Map<WireSystem, List<Round>> rounds) {
        List<String> lines = new ArrayList<>();
        lines.add("| system | " + WireSystem.CHAIN + "-call chain ÷ RTT p50, round by round: median (lowest–highest) "
                + "| of the medians |");
        lines.add("|---|---:|---:|");
        rounds.forEach((system, measured) -> {
            Round m = Round.median(measured);
            lines.add(String.format("| %s | ×%.2f (%.2f–%.2f) | ×%.2f |", system.name(),
                    Round.median(measured, Round::chainPerRoundTrip), Round.min(measured, Round::chainPerRoundTrip),
                    Round.max(measured, Round::chainPerRoundTrip), m.chainP50() / m.rttP50()));
        });
        return lines;
    }

    /** Erg's figures divided by each other system's. */
    static List<String> ratios(WireSystem erg, Map<WireSystem, List<Round>> rounds) {
        Round mine = Round.median(rounds.get(erg));
        List<String> lines = new ArrayList<>();
        lines.add("Erg ÷ each other system (times: below 1 means Erg is faster; msg/s: above 1 means Erg carries more):");
        lines.add("");
        lines.add("| Erg against | RTT p50 | RTT p99 | msg/s | " + WireSystem.CHAIN + "-call chain |");
        lines.add("|---|---:|---:|---:|---:|");
        rounds.forEach((system, measured) -> {
            if (system != erg) {
                Round theirs = Round.median(measured);
                lines.add(String.format("| %s | ×%.2f | ×%.2f | ×%.2f | ×%.2f |", system.name(),
                        mine.rttP50() / theirs.rttP50(), mine.rttP99() / theirs.rttP99(),
                        mine.perSecond() / theirs.perSecond(), mine.chainP50() / theirs.chainP50()));
            }
        });
        return lines;
    }

    /** How far the rounds spread, and what each system's transport and chain step are. */
    static List<String> notes(Map<WireSystem, List<Round>> rounds) {
        List<String> lines = new ArrayList<>();
        lines.add("Spread over the rounds (lowest–highest of the per-round figures):");
        lines.add("");
        rounds.forEach((system, measured) -> lines.add(String.format(
                "- %s: RTT p50 %s–%s, msg/s %,.0f–%,.0f, chain %s–%s", system.name(),
                time(Round.min(measured, Round::rttP50)), time(Round.max(measured, Round::rttP50)),
                Round.min(measured, Round::perSecond), Round.max(measured, Round::perSecond),
                time(Round.min(measured, Round::chainP50)), time(Round.max(measured, Round::chainP50)))));
        lines.add("");
        lines.add("What carries each:");
        lines.add("");
        rounds.keySet().forEach(system -> lines.add("- " + system.name() + ": " + system.transport()));
        lines.add("");
        lines.add("One step of the " + WireSystem.CHAIN + "-call chain:");
        lines.add("");
        rounds.keySet().forEach(system -> lines.add("- " + system.name() + ": " + system.chainStep()));
        return lines;
    }

    static String time(double nanos) {
        return nanos >= 1_000_000 ? String.format("%.2f ms", nanos / 1e6) : String.format("%.0f µs", nanos / 1e3);
    }
}
