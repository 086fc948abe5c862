package dev.erg.transparency;

import dev.erg.vat.DeterministicScheduler;
import dev.erg.trace.Tracer;
import dev.erg.vat.VatRuntime;
import java.time.Duration;

/**
 * Every vat of a scenario in one runtime on a {@link DeterministicScheduler} with a fixed
 * seed, driven on the test's thread until no turn is left.
 */
final class DeterministicStage implements Stage {

    private final long seed;

    DeterministicStage(long seed) {
        this.seed = seed;
    }

    @Override
    public Mode mode() {
        return Mode.DETERMINISTIC;
    }

    @Override
    public Outcome run(Scenario scenario) {
        Outcome outcome = new Outcome();
        DeterministicScheduler scheduler = new DeterministicScheduler(seed);
        Tracer tracer = Tracer.builder().seed(seed).build();
        try (VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).tracer(tracer).build()) {
            var done = Stage.start(scenario, new LocalStage.OneRuntime(runtime, tracer), outcome);
            scheduler.runUntilIdle();
            Stage.finish(done, outcome, Duration.ZERO);
        }
        return outcome;
    }

    @Override
    public void close() {
        // Each run closes its own runtime.
    }
}
