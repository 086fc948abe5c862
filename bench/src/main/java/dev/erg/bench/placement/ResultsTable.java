package dev.erg.bench.placement;

import dev.erg.server.placement.SimulationConfig;
import dev.erg.server.placement.SimulationResult;
import java.util.List;
import java.util.Locale;

/** The results of one seed as a Markdown table. */
final class ResultsTable {

    private ResultsTable() {
    }

    static String markdown(SimulationConfig config, List<SimulationResult> results) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Seed %d; %d servers, %d vats, %.1f simulated hours of which the first %d minutes are left out.%n%n",
                config.seed(), config.servers(), config.vats(), config.seconds() / 3600.0, config.warmUp() / 60));
        md.append("| policy | max/mean, mean | max/mean, worst | migrations/h, rebalancing | migrations/h, draining | "
                + "p99 latency | p99, funds wait left out | budget violations (vats overspent) | turns waiting for funds |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (SimulationResult r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %,.0f | %,.0f | %s | %s | %,d of %,d | %.2f%% |%n",
                    r.policy(), r.meanMaxOverMean(), r.worstMaxOverMean(), r.rebalancingPerHour(), r.drainingPerHour(),
                    millis(r.p99Millis()), millis(r.p99ServedMillis()), r.overspentVats(), r.vats(),
                    100 * r.deferredShare()));
        }
        return md.toString();
    }

    private static String millis(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%,.1f s", ms / 1000) : String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
