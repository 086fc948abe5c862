package dev.erg.server.interop;

import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import java.util.List;

/**
 * Called with a reference, sends it {@code "Hello"} without a method symbol, as a delivery
 * whose answer it drops; answers nothing of that.
 */
final class Greeter implements Procedure {

    @Override
    public Promise<Object> apply(List<Object> args) {
        if (args.size() != 1 || args.getFirst() == null) {
            return Promise.broken(Problem.of(Problem.NOT_CALLABLE, "the greeter takes one reference to greet"));
        }
        Ref.send(args.getFirst(), "apply", List.of("Hello"));
        return Promise.of(null);
    }
}
