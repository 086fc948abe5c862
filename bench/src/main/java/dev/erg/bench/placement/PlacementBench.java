/*
 * Workload: a simulated cluster (dev.erg.server.placement.ClusterSimulation) of 50 servers of
 * 1,000 turns/s and 10,000 vats asking for 70% of that under a Zipf law (exponent 0.6) whose
 * hot vats change every minute, 6% of vats replaced per hour, and a server leaving or joining
 * every 10 minutes, for two simulated hours (the first 10 minutes left out). Every placement
 * policy plays the same workload from the same seed.
 * Measures: max/mean server utilisation, migrations per hour, p99 turn latency, and vats that
 * overspent their budget. Aims: max/mean <= 1.1 for the best policy; agoric within 10% of it
 * with no budget overspent.
 * Baseline: round robin and random placement, which ignore load.
 * Writes results.md (a Markdown table) and max-over-mean.svg into the output directory.
 */
package dev.erg.bench.placement;

import dev.erg.server.placement.ClusterSimulation;
import dev.erg.server.placement.Contender;
import dev.erg.server.placement.Contenders;
import dev.erg.server.placement.SimulationConfig;
import dev.erg.server.placement.SimulationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs every placement policy through the simulated cluster and writes the table and the plot. */
public final class PlacementBench {

    private static final String USAGE = "usage: PlacementBench [--small] [seed] [output-directory]";

    private PlacementBench() {
    }

    public static void main(String[] args) throws IOException {
        boolean small = false;
        long seed = 1;
        Path out = Path.of("bench", "placement");
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && rest.getFirst().equals("--small")) {
            small = true;
            rest.removeFirst();
        }
        if (rest.size() > 2) {
            fail(USAGE);
        }
        if (!rest.isEmpty()) {
            try {
                seed = Long.parseLong(rest.get(0));
            } catch (NumberFormatException e) {
                fail("seed: " + rest.get(0) + " (expected: a whole number)\n" + USAGE);
            }
        }
        if (rest.size() == 2) {
            out = Path.of(rest.get(1));
        }
        SimulationConfig config = small ? SimulationConfig.small(seed) : SimulationConfig.full(seed);
        System.out.printf(Locale.ROOT, "seed %d: %d servers, %d vats, %d simulated seconds%n",
                seed, config.servers(), config.vats(), config.seconds());
        List<SimulationResult> results = new ArrayList<>();
        for (Contender contender : Contenders.all()) {
            long start = System.nanoTime();
            SimulationResult result = ClusterSimulation.run(config, contender);
            results.add(result);
            System.out.printf(Locale.ROOT, "%-36s done in %.1f s%n", contender.name(), (System.nanoTime() - start) / 1e9);
        }
        String table = ResultsTable.markdown(config, results);
        System.out.print(table);
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.md"), table);
        List<SvgPlot.Series> series = results.stream()
                .map(r -> new SvgPlot.Series(r.policy(), r.maxOverMean()))
                .toList();
        String title = String.format(Locale.ROOT, "Busiest server over the mean, %d servers, %d vats, seed %d",
                config.servers(), config.vats(), seed);
        Files.writeString(out.resolve("max-over-mean.svg"), SvgPlot.render(title, "simulated minutes",
                "max / mean utilisation", results.getFirst().sampleMinutes(), series, 1.0, 1.8));
        System.out.println("wrote " + out.resolve("results.md") + " and " + out.resolve("max-over-mean.svg"));
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
