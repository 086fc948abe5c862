package dev.erg.confine;

import java.util.List;

/**
 * How a bundle starts a confined vat: its entry class (public, with a public constructor that
 * takes no arguments) implements this. The vat's first turn constructs it and calls
 * {@link #start}; the object returned is the vat's root, reached from outside only through the
 * remote interface its spawner asked for.
 */
public interface VatEntry {

    /**
     * Builds the vat's root object from what it is given: {@code endowments} and the spawner's
     * {@code args} (values that cross vats, and eventual references) are all it may ever touch.
     */
    Object start(Endowments endowments, List<Object> args);
}
