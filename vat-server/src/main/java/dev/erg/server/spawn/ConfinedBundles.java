package dev.erg.server.spawn;

import dev.erg.confine.Bundle;
import dev.erg.confine.BundleRejectedException;
import dev.erg.confine.ConfinedVat;
import dev.erg.confine.Confinement;
import dev.erg.confine.Limits;
import dev.erg.confine.Storage;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs bundles in confined vats, new vats of a runtime or of a host, through a {@link Confinement} whose host
 * types are what the server's root makers register: their root interfaces and the records and
 * enums they pass. A bundle can implement and receive those, and nothing else of the host.
 * Verification and metering are done once per bundle, remembered by its hash. Each vat gets
 * the limits of its spawn and a new store within their quota.
 */
public final class ConfinedBundles implements BundleRunner {

    private final Function<String, Vat> newVat;
    private final Confinement confinement;
    private final ConfinedVats running;

    private ConfinedBundles(Function<String, Vat> newVat, Confinement confinement, ConfinedVats running) {
        this.newVat = newVat;
        this.confinement = confinement;
        this.running = running;
    }

    /** Confined vats of {@code runtime}, seeing the host types of {@code makers}, each added to {@code running}. */
    public static ConfinedBundles of(VatRuntime runtime, RootMakers makers, ConfinedVats running) {
        return of(runtime::newVat, makers, running);
    }

    /**
     * Confined vats that {@code newVat} makes (new ones, given their names), seeing the host
     * types of {@code makers}, each added to {@code running}.
     */
    public static ConfinedBundles of(Function<String, Vat> newVat, RootMakers makers, ConfinedVats running) {
        List<Class<?>> hostTypes = new ArrayList<>(makers.rootInterfaces());
        hostTypes.addAll(makers.passables());
        return new ConfinedBundles(newVat, Confinement.builder().hostTypes(hostTypes).build(), running);
    }

    @Override
    public void verify(Bundle bundle) throws BundleRejectedException {
        confinement.verify(bundle);
    }

    @Override
    public Promise<Object> spawn(String vatName, Bundle bundle, Class<?> root, List<Object> args, Limits limits,
                                 Consumer<String> whenEnding) throws BundleRejectedException {
        ConfinedVat<?> vat = confinement.spawn(() -> newVat.apply(vatName), bundle, root, args, limits,
                Storage.inMemory(limits.storageBytes()));
        vat.whenEnding(whenEnding);
        running.add(vat);
        @SuppressWarnings("unchecked") // A promise is only read from: one for any T is one for an Object.
        Promise<Object> answer = (Promise<Object>) vat.root();
        return answer;
    }
}
