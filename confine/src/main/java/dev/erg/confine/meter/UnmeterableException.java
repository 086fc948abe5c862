package dev.erg.confine.meter;

/** A bundle class could not be metered; the bundle cannot run confined. */
public final class UnmeterableException extends Exception {

    private final String className;

    UnmeterableException(String className, String detail) {
        super(className + ": " + detail);
        this.className = className;
    }

    /** The binary name of the class that could not be metered. */
    public String className() {
        return className;
    }
}
