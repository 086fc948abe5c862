package dev.erg.server.host;

import dev.erg.crypto.SwissNumber;
import dev.erg.server.store.SturdyStore;
import dev.erg.vat.Membrane;
import dev.erg.vat.VatRuntime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each sturdy ref designates while the server runs: the service itself, or, for a ref
 * minted revocable, the service seen through a membrane of its own, so that revoking the ref
 * can also cut every live reference obtained through it: the one fetched, and every reference
 * its calls answered (references inside pass-by-copy values excepted). A membrane costs one
 * hop per call through its vat, which is why revocable refs are minted only on request.
 */
final class LiveAccess {

    private final VatRuntime runtime;
    private final Map<SwissNumber, Membrane> membranes = new ConcurrentHashMap<>();

    LiveAccess(VatRuntime runtime) {
        this.runtime = runtime;
    }

    /** The reference that {@code entry}, a sturdy ref to {@code tenant}, is to be served as. */
    Object serve(SturdyStore.Entry entry, Tenant tenant) {
        if (!entry.revocable()) {
            return tenant.ref();
        }
        Membrane membrane = Membrane.in(runtime, "membrane-" + entry.service());
        Object served = membrane.wrap(tenant.ref());
        membranes.put(entry.swiss(), membrane);
        return served;
    }

    /**
     * Cuts the live references obtained through the ref of {@code swiss}; they break with a
     * {@code Revoked} problem giving {@code reason}. Returns false if the ref is not served
     * through a membrane.
     */
    boolean cut(SwissNumber swiss, String reason) {
        Membrane membrane = membranes.remove(swiss);
        if (membrane == null) {
            return false;
        }
        membrane.revoke(reason);
        return true;
    }
}
