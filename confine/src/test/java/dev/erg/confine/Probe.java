package dev.erg.confine;

import dev.erg.vat.Promise;

/** The root interface of the test bundles: one call that does the bundle's work. */
public interface Probe {

    Promise<Long> run(long n);
}
