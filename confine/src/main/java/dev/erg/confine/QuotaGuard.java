package dev.erg.confine;

import dev.erg.confine.meter.Meter;
import dev.erg.vat.Problem;
import dev.erg.vat.spi.TurnGuard;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds a confined vat to its {@link Limits}: meters each turn, counts the sends each turn
 * makes, bounds the messages waiting for the vat, and stops the vat when a turn overran or
 * failed the JVM: through its {@link Ending}, so that the host hears of it before references
 * break.
 */
final class QuotaGuard implements TurnGuard {

    private final String vatName;
    private final Meter meter;
    private final Limits limits;
    private final Ending ending;
    private final AtomicInteger pending = new AtomicInteger();
    private final QuotaExceeded tooManySends;
    private int sentThisTurn;
    private boolean sentTooMany;

    QuotaGuard(String vatName, Meter meter, Limits limits, Ending ending) {
        this.vatName = vatName;
        this.meter = meter;
        this.limits = limits;
        this.ending = ending;
        this.tooManySends = new QuotaExceeded(sendsReason());
    }

    /** Messages sent to the vat that wait in its queue. */
    int pending() {
        return pending.get();
    }

    @Override
    public Problem admit() {
        if (pending.incrementAndGet() > limits.pendingMessages()) {
            pending.decrementAndGet();
            return Problem.of(VatMaker.QUOTA_EXCEEDED, "confined vat %s has %d messages waiting, its quota of pending"
                    + " messages: this one was refused", vatName, limits.pendingMessages());
        }
        return null;
    }

    @Override
    public void delivering() {
        pending.decrementAndGet();
    }

    @Override
    public void sending() {
        // Sticky like running out of computrons: a turn that caught the error cannot send on.
        if (sentTooMany || ++sentThisTurn > limits.messagesPerTurn()) {
            sentTooMany = true;
            throw tooManySends;
        }
    }

    @Override
    public void beforeTurn() {
        sentThisTurn = 0;
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

    private String reason(String overrun, Throwable thrown) {
        if (overrun != null) {
            return overrun;
        }
        if (sentTooMany) {
            return sendsReason();
        }
        return switch (thrown) {
            case StackOverflowError e -> "recursion too deep (StackOverflowError)";
            case OutOfMemoryError e -> "ran out of memory (OutOfMemoryError)";
            case VirtualMachineError e -> "the JVM failed in its turn (" + e.getClass().getSimpleName() + ")";
            case null, default -> null;
        };
    }

    private String sendsReason() {
        return "sent more than " + limits.messagesPerTurn() + " messages in one turn, its quota of messages per turn";
    }

    /**
     * Thrown into a confined vat's code that sends beyond its quota; made once per vat, without
     * a stack trace. An {@link Error}, which bundle code may not catch.
     */
    static final class QuotaExceeded extends Error {

        QuotaExceeded(String message) {
            super(message, null, false, false);
        }
    }
}
