package dev.erg.server.spawn;

import dev.erg.confine.Bundle;
import dev.erg.confine.BundleRejectedException;
import dev.erg.confine.ConfinedVat;
import dev.erg.confine.Confinement;
import dev.erg.confine.Limits;
import dev.erg.confine.Storage;
import dev.erg.vat.Promise;
import dev.erg.vat.VatRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs bundles in confined vats of {@code runtime}, through a {@link Confinement} whose host
 * types are what the server's root makers register: their root interfaces and the records and
 * enums they pass. A bundle can implement and receive those, and nothing else of the host.
 * Verification and metering are done once per bundle, remembered by its hash. Each vat gets
 * the limits of its spawn and a new store within their quota.
 */
public final class ConfinedBundles implements BundleRunner {

    private final VatRuntime runtime;
    private final Confinement confinement;
    private final ConfinedVats running;

    private ConfinedBundles(VatRuntime runtime, Confinement confinement, ConfinedVats running) {
        this.runtime = runtime;
        this.confinement = confinement;
        this.running = running;
    }

    /** Confined vats of {@code runtime}, seeing the host types of {@code makers}, each added to {@code running}. */
    public static ConfinedBundles of(VatRuntime runtime, RootMakers makers, ConfinedVats running) {
        List<Class<?>> hostTypes = new ArrayList<>(makers.rootInterfaces());
        hostTypes.addAll(makers.passables());
        return new ConfinedBundles(runtime, Confinement.builder().hostTypes(hostTypes).build(), running);
    }

    @Override
    public void verify(Bundle bundle) throws BundleRejectedException {
        confinement.verify(bundle);
    }

    @Override
    public Promise<Object> spawn(String vatName, Bundle bundle, Class<?> root, List<Object> args, Limits limits)
            throws BundleRejectedException {
        ConfinedVat<?> vat = confinement.spawn(runtime, vatName, bundle, root, args, limits,
                Storage.inMemory(limits.storageBytes()));
        running.add(vat);
        @SuppressWarnings("unchecked") // A promise is only read from: one for any T is one for an Object.
        Promise<Object> answer = (Promise<Object>) vat.root();
        return answer;
    }
}
