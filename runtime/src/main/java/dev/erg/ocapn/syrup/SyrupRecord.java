package dev.erg.ocapn.syrup;

import java.util.List;
import java.util.Objects;

/**
 * A Syrup record, {@code <label field…>}, as the generic {@link Syrup} codec reads it. OCapN
 * gives the records it defines symbols as labels ({@code <op:abort "reason">}); Syrup allows
 * any value.
 *
 * @param label  the label, a value of the Syrup data model
 * @param fields the fields, in order; copied
 */
public record SyrupRecord(Object label, List<Object> fields) {

    public SyrupRecord {
        Objects.requireNonNull(label, "label");
        fields = List.copyOf(fields);
    }

    /** A record whose label is the symbol {@code label}. */
    public static SyrupRecord of(String label, Object... fields) {
        return new SyrupRecord(new Symbol(label), List.of(fields));
    }
}
