package dev.erg.server.interop;

import dev.erg.vat.Promise;
import java.util.Collections;
import java.util.List;

/**
 * Answers its arguments, in order, keeping none of them: the suite's garbage collection probe.
 * After each call it nudges the JVM's collector ({@link CollectionNudge}), so that the
 * references it was given are dropped, and the peer told so, within the suite's patience.
 */
final class EchoGc implements Procedure {

    private final CollectionNudge nudge;

    EchoGc(CollectionNudge nudge) {
        this.nudge = nudge;
    }

    @Override
    public Promise<Object> apply(List<Object> args) {
        nudge.called();
        return Promise.of(Collections.unmodifiableList(args));
    }
}
