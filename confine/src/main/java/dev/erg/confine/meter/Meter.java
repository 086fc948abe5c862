package dev.erg.confine.meter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The host's side of one confined vat's meter: gives each turn its budget in the vat's
 * {@link Gauge} and reads what it used. Used on the vat's thread only, between and around
 * its turns.
 */
public final class Meter {

    private final VarHandle left;
    private final VarHandle error;
    private final long perTurn;
    private final long perVat;
    private final OutOfComputrons turnError;
    private final OutOfComputrons vatError;
    private volatile long used;
    private long budget;

    /**
     * A meter over {@code gauge}, the {@link Gauge} class defined in a confined loader.
     *
     * @throws IllegalArgumentException if {@code gauge} is not a gauge
     */
    public Meter(Class<?> gauge, long perTurn, long perVat) {
        if (!gauge.getName().equals(Gauge.NAME)) {
            throw new IllegalArgumentException("not a gauge: " + gauge.getName());
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            left = lookup.findStaticVarHandle(gauge, Gauge.LEFT, long.class);
            error = lookup.findStaticVarHandle(gauge, Gauge.ERROR, Error.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("not a gauge: " + gauge.getName(), e);
        }
        this.perTurn = perTurn;
        this.perVat = perVat;
        this.turnError = new OutOfComputrons(turnReason());
        this.vatError = new OutOfComputrons(vatReason());
    }

    /** Gives the coming turn its budget: the per-turn limit, or what is left of the vat's, if less. */
    public void beforeTurn() {
        long rest = perVat - used;
        budget = Math.min(perTurn, Math.max(rest, 0));
        error.set(budget == perTurn ? turnError : vatError);
        left.set(budget);
    }

    /**
     * Adds what the turn used to the vat's total.
     *
     * @return why the vat must stop, if the turn ran out of its budget; else null
     */
    public String afterTurn() {
        long rest = (long) left.get();
        used += budget - Math.max(rest, 0);
        if (rest >= 0) {
            return null;
        }
        return budget == perTurn ? turnReason() : vatReason();
    }

    /**
     * Charges the current turn {@code computrons} for work the host does on the vat's behalf
     * (such as writing its log).
     *
     * @throws OutOfComputrons if the turn's budget runs out
     */
    public void charge(long computrons) {
        long rest = (long) left.get() - Math.max(computrons, 0);
        left.set(rest);
        if (rest < 0) {
            throw (Error) error.get();
        }
    }

    /** Computrons used by every turn so far, the current one as it stood at its start. */
    public long used() {
        return used;
    }

    private String turnReason() {
        return "used more than " + perTurn + " computrons in one turn";
    }

    private String vatReason() {
        return "used more than " + perVat + " computrons in all";
    }
}
