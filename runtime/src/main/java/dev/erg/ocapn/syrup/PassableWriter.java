package dev.erg.ocapn.syrup;

import dev.erg.vat.Problem;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.codec.Bytes;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes Erg's Java values as OCapN passables on a {@link SyrupWriter}, by the table in
 * {@code spec/ocapn.md}. References, and the registered records and enums a session passes as
 * tagged values, are written by the {@link ReferenceCodec}; a value with no OCapN form (a
 * decimal, a set, a map with other than string keys, a record or enum no codec writes) is a
 * {@link NotPassableException}, found before anything is sent.
 */
public final class PassableWriter {

    private final SyrupWriter out;
    private final ReferenceCodec references;

    public PassableWriter(SyrupWriter out, ReferenceCodec references) {
        this.out = out;
        this.references = references;
    }

    /** Writes {@code value}. */
    public void write(Object value) {
        write(out, value);
    }

    /** Writes {@code items} as a list, as the arguments of a delivery are. */
    public void list(List<?> items) {
        list(out, items);
    }

    private void write(SyrupWriter to, Object value) {
        switch (value) {
            case null -> empty(to, Passables.NULL);
            case Undefined _ -> empty(to, Passables.VOID);
            case Boolean b -> to.bool(b);
            case Long n -> to.integer(n);
            case Integer n -> to.integer(n);
            case Short n -> to.integer(n);
            case Byte n -> to.integer(n);
            case BigInteger n -> to.integer(n);
            case Double d -> to.float64(d);
            case Float f -> to.float64(f);
            case String s -> to.string(s);
            case Character c -> to.string(String.valueOf(c));
            case Symbol s -> to.symbol(s.name());
            case byte[] b -> to.bytes(b);
            case Bytes b -> to.bytes(b.toByteArray());
            case List<?> items -> list(to, items);
            case Map<?, ?> map -> struct(to, map);
            case Tagged tagged -> {
                to.open(SyrupKind.RECORD);
                to.symbol(Passables.TAGGED);
                to.symbol(tagged.tag());
                write(to, tagged.value());
                to.close();
            }
            case Problem problem -> {
                to.open(SyrupKind.RECORD);
                to.symbol(Passables.ERROR);
                to.string(Passables.message(problem));
                to.close();
            }
            case Optional<?> optional -> write(to, optional.orElse(null));
            default -> {
                if (!references.write(value, to)) {
                    throw new NotPassableException(value.getClass().getName()
                            + ", which has no OCapN form (expected: a passable value, spec/ocapn.md)");
                }
            }
        }
    }

    private void list(SyrupWriter to, List<?> items) {
        to.open(SyrupKind.LIST);
        for (Object item : items) {
            write(to, item);
        }
        to.close();
    }

    private void struct(SyrupWriter to, Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new NotPassableException("map key of " + (key == null ? "null" : key.getClass().getName())
                        + " (expected: strings only, as OCapN's structs have)");
            }
        }
        to.dictionary(map.entrySet(), (w, key) -> w.string((String) key), this::write);
    }

    private static void empty(SyrupWriter to, String label) {
        to.open(SyrupKind.RECORD);
        to.symbol(label);
        to.close();
    }
}
