package dev.erg.transparency;

import dev.erg.vat.Promise;

/** The body of a scenario, written once for every mode. */
@FunctionalInterface
public interface Script {

    /**
     * Sets up vats and references through {@code world}, starts the work in a vat (e.g. with
     * {@code Vat.callPromise}) and returns a promise for its result. Everything the scenario
     * records in {@code outcome} must be recorded by the time that promise settles.
     */
    Promise<?> run(World world, Outcome outcome);
}
