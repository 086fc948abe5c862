package dev.erg.confine.meter;

/**
 * Thrown into a confined vat's code when its meter has run out; thrown again at every later
 * charge, so code that catches it cannot go on. Made once per vat and reused: it has no
 * stack trace.
 */
public final class OutOfComputrons extends Error {

    OutOfComputrons(String message) {
        super(message, null, false, false);
    }
}
