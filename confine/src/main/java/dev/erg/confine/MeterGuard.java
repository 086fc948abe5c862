package dev.erg.confine;

import dev.erg.confine.meter.Meter;
import dev.erg.vat.spi.TurnGuard;

/** Meters each turn of a confined vat, and stops the vat when a turn overran or failed the JVM. */
final class MeterGuard implements TurnGuard {

    private final Meter meter;

    MeterGuard(Meter meter) {
        this.meter = meter;
    }

    @Override
    public void beforeTurn() {
        meter.beforeTurn();
    }

    @Override
    public String afterTurn(Throwable thrown) {
        String overrun = meter.afterTurn();
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
