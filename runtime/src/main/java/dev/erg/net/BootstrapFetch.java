package dev.erg.net;

import dev.erg.captp.session.Session;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import dev.erg.vat.spi.Refs;
import java.util.function.Predicate;

/**
 * Fetches the object a sturdy ref designates from the peer's bootstrap object, for the nodes
 * of both wires, and settles the caller's promise with it as the interface asked for.
 */
final class BootstrapFetch {

    private BootstrapFetch() {
    }

    /**
     * Sends {@code fetch(swiss)} to the peer's bootstrap object in {@code session} and, in
     * {@code vat}, resolves {@code result} with the answer as {@code iface}, or breaks it saying
     * why not. If the fetch breaks because {@code session} lost a crossed hello
     * ({@code lostToCrossing}), runs {@code again} instead, unless it is null (no tries left).
     */
    static <T> void fetch(Vat vat, Session session, Object swiss, Class<T> iface, Deferred<T> result,
                          Predicate<Session> lostToCrossing, Runnable again) {
        Promise<Object> fetched = Ref.send(session.peerBootstrap(), "fetch", swiss);
        vat.run(() -> fetched.when(
                object -> {
                    Object typed = Refs.asType(object, iface);
                    if (iface.isInstance(typed)) {
                        result.resolver().resolve(iface.cast(typed));
                    } else {
                        result.resolver().reject(Problem.of(Problem.NOT_CALLABLE, "the sturdy ref designates %s, not a %s",
                                typed == null ? "null" : "a " + typed.getClass().getSimpleName(), iface.getSimpleName()));
                    }
                },
                why -> {
                    if (again != null && lostToCrossing.test(session)) {
                        // Both ends dialed at once and this session lost: ask the one kept.
                        again.run();
                    } else {
                        result.resolver().reject(why);
                    }
                }));
    }
}
