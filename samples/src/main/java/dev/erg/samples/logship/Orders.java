package dev.erg.samples.logship;

/** The lines of Shop Inc.'s order log, one per order, the same for each order number at every run. */
final class Orders {

    /** Orders taken in a day. */
    static final int DAY = 200_000;

    private Orders() {
    }

    /** The log line of order {@code i}, from 0, newline included. */
    static String line(long i) {
        return "2026-12-07T" + (9 + i * 8 / DAY) + ":" + (10 + i % 50) + " order " + i + " item " + (i * 7919 % 1000)
                + " qty " + (1 + i % 9) + "\n";
    }
}
