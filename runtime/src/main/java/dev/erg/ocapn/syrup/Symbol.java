package dev.erg.ocapn.syrup;

import dev.erg.vat.Passable;
import java.util.Objects;

/**
 * A Syrup symbol, which OCapN calls a selector: a name distinct from a string of the same
 * text. Method names and record labels such as {@code op:deliver} are symbols.
 *
 * @param name the text of the symbol, any string
 */
@Passable("ocapn.Symbol")
public record Symbol(String name) {

    public Symbol {
        Objects.requireNonNull(name, "name");
    }

    /** The symbol as Syrup's textual notation writes it: {@code 'name}. */
    @Override
    public String toString() {
        return "'" + name;
    }
}
