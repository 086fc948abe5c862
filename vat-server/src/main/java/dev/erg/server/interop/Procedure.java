package dev.erg.server.interop;

import dev.erg.vat.Promise;
import java.util.List;

/** An object called with its arguments alone, without a method symbol, as OCapN peers call procedures. */
public interface Procedure {

    /** Answers a call whose arguments are {@code args}. */
    Promise<Object> apply(List<Object> args);
}
