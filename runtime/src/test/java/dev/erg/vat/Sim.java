package dev.erg.vat;

import java.time.Duration;

/** A runtime on a deterministic scheduler, for tests that drive every turn themselves. */
final class Sim implements AutoCloseable {
    final DeterministicScheduler scheduler;
    final VatRuntime runtime;

    Sim(long seed) {
        scheduler = new DeterministicScheduler(seed);
        runtime = VatRuntime.builder().scheduler(scheduler).build();
    }

    Vat vat(String name) {
        return runtime.newVat(name);
    }

    /** Runs every turn, then reads the settled promise. */
    <T> T settle(Promise<T> promise) {
        scheduler.runUntilIdle();
        return promise.join(Duration.ZERO);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
