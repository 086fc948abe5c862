package dev.erg.vat;

/** Returns what it is given, as seen in its own vat. */
public interface Echo {
    Promise<Object> echo(Object value);
}
