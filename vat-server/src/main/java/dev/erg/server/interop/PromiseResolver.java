package dev.erg.server.interop;

import dev.erg.ocapn.captp.BreakReasons;
import dev.erg.vat.Deferred;
import dev.erg.vat.Promise;
import dev.erg.wire.WireLimits;
import java.util.List;

/**
 * Called with nothing, answers a new promise and the {@link Settle} that resolves it, as a
 * list of the two. A break's reason that is no problem becomes the problem that holds it
 * ({@link BreakReasons}), so that listeners over OCapN are told the reason itself.
 */
final class PromiseResolver implements Procedure {

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
                deferred.resolver().reject(BreakReasons.problem(reason, WireLimits.defaults()));
            }
        };
        return Promise.of(List.of(deferred.promise(), settle));
    }
}
