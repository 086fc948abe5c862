package dev.erg.bench.confine;

import dev.erg.vat.Promise;

/** The remote interface of the benchmark's bundle, a host type of its confinement. */
public interface Cruncher {

    Promise<Long> crunch(int rounds);
}
