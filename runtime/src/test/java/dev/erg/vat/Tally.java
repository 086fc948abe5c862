package dev.erg.vat;

/** A plain counter object; it records the vat its methods run in. */
class Tally implements Counter {
    long count;
    Vat lastVat;

    @Override
    public Promise<Long> increment(long by) {
        lastVat = Vat.current();
        count += by;
        return Promise.of(count);
    }

    @Override
    public Promise<Long> value() {
        lastVat = Vat.current();
        return Promise.of(count);
    }

    @Override
    public void reset() {
        count = 0;
    }
}
