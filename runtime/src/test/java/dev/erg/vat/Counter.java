package dev.erg.vat;

/** A remote interface used across the tests. */
public interface Counter {
    Promise<Long> increment(long by);

    Promise<Long> value();

    void reset();
}
