package dev.erg.bench.stream;

import dev.erg.bench.wire.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The Markdown {@link StreamCompare} prints: the medians, Erg's ratios to its floors against the aims, and the spread. */
final class StreamReport {

    private static final double MIB = 1 << 20;

    private StreamReport() {
    }

    static List<String> print(StreamResults r) {
        StreamOptions o = r.options();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("Streams between two JVMs on loopback (JDK %s, %d cores), TLS 1.3 with both ends "
                        + "authenticated; %d rounds after %d of warm-up, the rates in a rotating order, %s; medians of "
                        + "the rounds.", Runtime.version(), Runtime.getRuntime().availableProcessors(), o.rounds(),
                o.warmUps(), o.bulkOnly() ? "the bulk transfers only" : "then the fairness run"));
        lines.add("Load average (1, 5, 15 min) before: " + r.loadBefore() + "; after: " + r.loadAfter());
        lines.add("");
        lines.add("| measure | Erg | against | its figure | Erg ÷ it, of the medians | round by round: median "
                + "(lowest–highest) | aim |");
        lines.add("|---|---:|---|---:|---:|---:|---|");
        String bulk = String.format("%,d MiB in %,d KiB items", o.bulkBytes() >> 20, o.chunkBytes() >> 10);
        for (Measure erg : r.bulk()) {
            lines.add(row(bulk + ", " + erg.name().substring("Erg stream, ".length()), erg, mibPerSecond(erg.median()),
                    String.format("raw Netty TLS, %,d KiB writes", o.chunkBytes() >> 10), r.raw(),
                    mibPerSecond(r.raw().median()), "≥ 0.70"));
        }
        if (!o.bulkOnly()) {
            lines.add(row(String.format("%d-byte items on one stream, %d s, default window", Payload.SIZE, o.seconds()),
                    r.items(), perSecond(r.items().median(), "items"),
                    String.format("Erg calls, %d-byte payload, 1,000 outstanding (WireCompare's Erg row)", Payload.SIZE),
                    r.calls(), perSecond(r.calls().median(), "answers"), "≥ 1"));
            lines.add("");
            lines.addAll(fairness(r));
        }
        lines.add("");
        lines.addAll(bulkRounds(r));
        lines.add("");
        lines.add("Spread over the rounds (lowest–highest):");
        lines.add("");
        lines.add(String.format("- raw Netty TLS: %s–%s", mibPerSecond(r.raw().min()), mibPerSecond(r.raw().max())));
        for (Measure erg : r.bulk()) {
            lines.add(String.format("- %s: %s–%s", erg.name(), mibPerSecond(erg.min()), mibPerSecond(erg.max())));
        }
        if (!o.bulkOnly()) {
            lines.add(String.format("- %s: %,.0f–%,.0f items/s", r.items().name(), r.items().min(), r.items().max()));
            lines.add(String.format("- %s: %,.0f–%,.0f answers/s", r.calls().name(), r.calls().min(), r.calls().max()));
        }
        for (Fairness f : r.fairness()) {
            lines.add(String.format("- fairness, a round: %,.0f items/s; per stream %,d–%,d, most ÷ least ×%.2f; "
                            + "windows %,d–%,d items; reader's heap idle %s, with every stream writing %s; writer's %s",
                    f.perSecond(), f.min(), f.max(), f.maxOverMin(), f.windowRange()[0], f.windowRange()[2],
                    mib(f.heapIdle()), mib(f.heapBusy()), mib(f.writerHeap())));
        }
        lines.add("");
        lines.add("What carries each:");
        lines.add("");
        lines.add("- raw Netty TLS: " + r.rawTransport());
        lines.add("- Erg: TLS 1.3, JDK provider (NetConfig defaults), mutual (each node's Ed25519 vat identity), "
                + "4-byte length framing, CapTP messages in the wire codec; a stream's items go as StreamInlet.items "
                + "sends of up to 1,024 items and 256 KiB, its credit back as StreamCredit.credit sends; the link writes "
                + "while its channel is under its write buffer water mark, 1024–2048 KiB");
        return lines;
    }

    /**
     * Each bulk transfer round by round, its rate beside the CPU time each JVM spent per GiB moved
     * (every thread, user and system, as the kernel counts it), and how much of it the two JVMs'
     * JIT compilers took: the writing JVM also holds the idle ends of the other measures.
     */
    private static List<String> bulkRounds(StreamResults r) {
        List<String> lines = new ArrayList<>();
        lines.add("Bulk, round by round: MiB/s; CPU seconds per GiB moved, writing JVM + reading JVM = both, and of "
                + "both, what their JIT compilers took:");
        lines.add("");
        lines.add("| transfer | round | MiB/s | ÷ raw, same round | CPU s/GiB, writer | reader | both | of which compiling |");
        lines.add("|---|---:|---:|---:|---:|---:|---:|---:|");
        double gib = r.options().bulkBytes() / (double) (1L << 30);
        List<Measure> all = new ArrayList<>(List.of(r.raw()));
        all.addAll(r.bulk());
        for (Measure m : all) {
            List<Double> here = new ArrayList<>();
            List<Double> there = new ArrayList<>();
            List<Double> compiling = new ArrayList<>();
            for (int i = 0; i < m.rounds().size(); i++) {
                double rate = m.rounds().get(i);
                here.add(m.cpuSeconds(i, 0) / gib);
                there.add(m.cpuSeconds(i, 1) / gib);
                compiling.add((m.compilerSeconds(i, 0) + m.compilerSeconds(i, 1)) / gib);
                lines.add(String.format("| %s | %d | %,.0f | ×%.2f | %.2f | %.2f | %.2f | %.2f |", m.name(), i + 1,
                        rate / MIB, rate / r.raw().rounds().get(i), here.get(i), there.get(i), here.get(i) + there.get(i),
                        compiling.get(i)));
            }
            lines.add(String.format("| %s | median | %,.0f | ×%.2f | %.2f | %.2f | %.2f | %.2f |", m.name(),
                    m.median() / MIB, m.median() / r.raw().median(), Stats.median(here), Stats.median(there),
                    Stats.median(here) + Stats.median(there), Stats.median(compiling)));
        }
        return lines;
    }

    private static String row(String what, Measure erg, String ergFigure, String against, Measure them,
                              String theirFigure, String aim) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < erg.rounds().size(); i++) {
            ratios.add(erg.rounds().get(i) / them.rounds().get(i));
        }
        return String.format("| %s | %s | %s | %s | ×%.2f | ×%.2f (%.2f–%.2f) | %s |", what, ergFigure, against,
                theirFigure, erg.median() / them.median(), Stats.median(ratios),
                ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), aim);
    }

    private static List<String> fairness(StreamResults r) {
        StreamOptions o = r.options();
        List<Fairness> f = r.fairness();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("Fairness: %,d streams over one link, each from a writer vat of its own to a reader vat "
                        + "of its own, writing %d-byte items as fast as its credit allows (default window); items read "
                        + "per stream in %d s after %d s of writing (medians over rounds):", o.streams(), Payload.SIZE,
                o.fairSeconds(), o.fairWarmUp()));
        lines.add("");
        lines.add("| items/s, all streams | per stream: least | median | most | most ÷ least (aim ≤ 1.5) "
                + "| readers' windows, items: least / median / most | reading JVM's heap after a full GC: idle "
                + "| with every stream writing | writing JVM's, with every stream writing |");
        lines.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        lines.add(String.format("| %,.0f | %,.0f | %,.0f | %,.0f | ×%.2f | %,.0f / %,.0f / %,.0f | %s | %s | %s |",
                median(f, Fairness::perSecond), median(f, Fairness::min), median(f, Fairness::median),
                median(f, Fairness::max), median(f, Fairness::maxOverMin), median(f, x -> x.windowRange()[0]),
                median(f, x -> x.windowRange()[1]), median(f, x -> x.windowRange()[2]), mib(median(f, Fairness::heapIdle)),
                mib(median(f, Fairness::heapBusy)), mib(median(f, Fairness::writerHeap))));
        return lines;
    }

    private static double median(List<Fairness> runs, ToDoubleFunction<Fairness> figure) {
        return Stats.median(runs.stream().map(f -> figure.applyAsDouble(f)).toList());
    }

    private static String mibPerSecond(double bytesPerSecond) {
        return String.format("%,.0f MiB/s", bytesPerSecond / MIB);
    }

    private static String perSecond(double rate, String what) {
        return String.format("%,.0f %s/s", rate, what);
    }

    private static String mib(double bytes) {
        return String.format("%,.1f MiB", bytes / MIB);
    }
}
