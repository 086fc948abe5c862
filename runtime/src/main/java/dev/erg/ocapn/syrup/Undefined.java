package dev.erg.ocapn.syrup;

import dev.erg.vat.Passable;
/**
 * OCapN's Undefined, {@code <void>}: the absence of a value, which OCapN keeps apart from
 * Null (Java's {@code null}, {@code <null>}) so that JavaScript's {@code undefined} and
 * {@code null} both survive a round trip. All instances are equal; use {@link #INSTANCE}.
 */
@Passable("ocapn.Undefined")
public record Undefined() {

    /** The value. */
    public static final Undefined INSTANCE = new Undefined();

    @Override
    public String toString() {
        return "undefined";
    }
}
