package dev.erg.confine;

import dev.erg.confine.meter.Meter;
import dev.erg.vat.Timer;
import dev.erg.vat.Vat;
import dev.erg.vat.spi.LogLimiter;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * A confined vat's endowments: its vat's timer and randomness, its storage, and a log whose lines are cut
 * at {@value #MAX_LINE} characters, written at most one a second (the rest counted and summed
 * up), and charged to the vat's meter, {@value #LINE_COST} computrons and one a character,
 * so that a vat that logs in a loop runs out of computrons.
 */
final class VatEndowments implements Endowments {

    static final int MAX_LINE = 500;
    static final long LINE_COST = 1000;

    private final Vat vat;
    private final Meter meter;
    private final LogLimiter log;
    private final Storage storage;

    VatEndowments(Vat vat, Meter meter, System.Logger logger, Storage storage) {
        this.vat = vat;
        this.meter = meter;
        this.storage = new MeteredStorage(storage, meter);
        this.log = new LogLimiter(logger, Duration.ofSeconds(1), System::nanoTime);
    }

    @Override
    public Timer timer() {
        return vat.timer();
    }

    @Override
    public RandomGenerator random() {
        return vat.random();
    }

    @Override
    public Storage storage() {
        return storage;
    }

    @Override
    public void log(String line) {
        String text = String.valueOf(line);
        meter.charge(LINE_COST + Math.min(text.length(), MAX_LINE));
        String cut = text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + "…" : text;
        log.log(Level.INFO, "confined vat log", () -> "vat " + vat.name() + ": " + cut, null);
    }
}
