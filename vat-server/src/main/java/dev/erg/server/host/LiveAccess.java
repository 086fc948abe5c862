package dev.erg.server.host;

import dev.erg.crypto.SwissNumber;
import dev.erg.server.store.SturdyStore;
import dev.erg.vat.Caretaker;
import dev.erg.vat.VatRuntime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each sturdy ref designates while the server runs: the service itself, or, for a ref
 * minted revocable, a caretaker of the service of its own, so that revoking the ref can also
 * cut every live reference fetched through it. A caretaker costs one hop per call through
 * its vat, which is why revocable refs are minted only on request.
 */
final class LiveAccess {

    private final VatRuntime runtime;
    private final Map<SwissNumber, Caretaker<?>> caretakers = new ConcurrentHashMap<>();

    LiveAccess(VatRuntime runtime) {
        this.runtime = runtime;
    }

    /** The reference that {@code entry}, a sturdy ref to {@code tenant}, is to be served as. */
    Object serve(SturdyStore.Entry entry, Tenant tenant) {
        if (!entry.revocable()) {
            return tenant.ref();
        }
        Caretaker<?> caretaker = Caretaker.of(runtime, "caretaker-" + entry.service(), tenant.ref());
        caretakers.put(entry.swiss(), caretaker);
        return caretaker.reference();
    }

    /**
     * Cuts the live references fetched through the ref of {@code swiss}; they break with a
     * {@code Revoked} problem giving {@code reason}. Returns false if the ref is not served
     * through a caretaker.
     */
    boolean cut(SwissNumber swiss, String reason) {
        Caretaker<?> caretaker = caretakers.remove(swiss);
        if (caretaker == null) {
            return false;
        }
        caretaker.revoke(reason);
        return true;
    }
}
