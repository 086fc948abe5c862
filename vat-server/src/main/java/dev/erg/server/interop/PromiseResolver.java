package dev.erg.server.interop;

import dev.erg.ocapn.syrup.Symbol;
import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import java.util.List;

/**
 * Called with nothing, answers a new promise and the {@link Settle} that resolves it, as a
 * list of the two. A break's reason becomes the problem's message: Erg breaks a promise only
 * with a problem, which OCapN writes as an error.
 */
final class PromiseResolver implements Procedure {

    /** The kind of the problem a {@code 'break} breaks the promise with. */
    static final String BROKEN = "Broken";

    @Override
    public Promise<Object> apply(List<Object> args) {
        Deferred<Object> deferred = Promise.defer();
        Settle settle = new Settle() {
            @Override
            public void fulfill(Object value) {
                deferred.resolver().resolve(value);
            }

            @Override
            public void breakWith(Object reason) {
                deferred.resolver().reject(reason instanceof Problem p ? p
                        : new Problem(BROKEN, reason instanceof Symbol s ? s.name() : String.valueOf(reason)));
            }
        };
        return Promise.of(List.of(deferred.promise(), settle));
    }
}
