package dev.erg.confine;

import dev.erg.confine.meter.Meter;
import dev.erg.vat.spi.TurnGuard;

/**
 * Meters each turn of a confined vat, and stops the vat when a turn overran or failed the JVM:
 * through its {@link Ending}, so that the host hears of it before references break.
 */
final class MeterGuard implements TurnGuard {

    private final Meter meter;
    private final Ending ending;

    MeterGuard(Meter meter, Ending ending) {
        this.meter = meter;
        this.ending = ending;
    }

    @Override
    public void beforeTurn() {
        meter.beforeTurn();
    }

    @Override
    public String afterTurn(Throwable thrown) {
        String stop = reason(meter.afterTurn(), thrown);
        if (stop != null) {
            ending.end(stop);
        }
        return stop;
    }

    private static String reason(String overrun, Throwable thrown) {
        if (overrun != null) {
            return overrun;
        }
        return switch (thrown) {
            case StackOverflowError e -> "recursion too deep (StackOverflowError)";
            case OutOfMemoryError e -> "ran out of memory (OutOfMemoryError)";
            case VirtualMachineError e -> "the JVM failed in its turn (" + e.getClass().getSimpleName() + ")";
            case null, default -> null;
        };
    }
}
