package dev.erg.server.services;

import dev.erg.server.spi.RootMaker;
import dev.erg.vat.Vat;
import java.util.List;

/**
 * Makes a {@link Counter} in a vat of its own, as the root maker {@code counter}: a number kept
 * in memory only, starting from the spawner's one argument (0 if none).
 */
public final class FreshCounterMaker implements RootMaker {

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public Class<?> root() {
        return Counter.class;
    }

    @Override
    public Object make(Vat vat, List<Object> args) {
        long start = switch (args.size()) {
            case 0 -> 0;
            case 1 -> switch (args.getFirst()) {
                case Long n -> n;
                case Integer n -> n;
                case null, default -> throw new IllegalArgumentException("the start is " + describe(args.getFirst())
                        + " (expected: an integer)");
            };
            default -> throw new IllegalArgumentException(args.size() + " arguments (expected: at most one, the start)");
        };
        return vat.export(new MemoryCounter(start), Counter.class);
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getSimpleName();
    }
}
