package dev.erg.server.interop;

import dev.erg.vat.Promise;
import java.util.Collections;
import java.util.List;

/** Answers its arguments, in order, keeping none of them: the suite's garbage collection probe. */
final class EchoGc implements Procedure {

    @Override
    public Promise<Object> apply(List<Object> args) {
        return Promise.of(Collections.unmodifiableList(args));
    }
}
