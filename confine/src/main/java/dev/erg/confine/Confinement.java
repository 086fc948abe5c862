package dev.erg.confine;

import dev.erg.confine.load.ConfinedLoader;
import dev.erg.confine.meter.CallPricer;
import dev.erg.confine.meter.Gauge;
import dev.erg.confine.meter.Meter;
import dev.erg.confine.meter.Metering;
import dev.erg.confine.meter.UnmeterableException;
import dev.erg.confine.verify.AllowList;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.vat.spi.Vats;
import java.lang.classfile.ClassHierarchyResolver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Starts confined vats from bundles: verifies each bundle once and meters its classes once
 * (both cached by its hash), loads it in a class loader of its own per vat that sees only the
 * bundle, the tamed JDK, Erg's public API and the host types, and meters its work against
 * {@link Limits}. A vat whose turn runs out of computrons or sends too many messages, recurses
 * too deep or runs out of memory is terminated; the others go on. Messages sent to a vat whose
 * queue is full are refused.
 *
 * {@snippet :
 * Confinement confinement = Confinement.builder().hostTypes(List.of(Scorer.class)).build();
 * ConfinedVat<Scorer> vat = confinement.spawn(runtime, "scorer-3", bundle, Scorer.class, List.of(data));
 * vat.root().when(scorer -> scorer.score("x"), problem -> log(problem));
 * }
 */
public final class Confinement {

    /** Bundles prepared and remembered at once; beyond that, one is forgotten for each new one. */
    static final int CACHED_BUNDLES = 256;

    private final Verifier verifier;
    private final Limits limits;
    private final Map<String, Class<?>> hostTypes;
    private final Metering metering;
    private final System.Logger log;
    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();

    private Confinement(Builder b) {
        this.hostTypes = Map.copyOf(b.hostTypes);
        this.verifier = b.verifier != null ? b.verifier : Verifier.standard().allowing(b.hostTypes.values());
        this.limits = b.limits;
        this.log = b.log;
        ClassHierarchyResolver hosts = ClassHierarchyResolver.ofClassLoading(Confinement.class.getClassLoader());
        for (Class<?> type : b.hostTypes.values()) {
            hosts = hosts.orElse(ClassHierarchyResolver.ofClassLoading(type.getClassLoader()));
        }
        this.metering = new Metering(b.pricer, ClassHierarchyResolver.defaultResolver().orElse(hosts).cached());
    }

    /** A builder: no host types, {@link Limits#defaults()}, the standard verifier. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies {@code bundle}, or finds it verified before.
     *
     * @throws BundleRejectedException with every violation, if it breaks the rules
     */
    public Bundle verify(Bundle bundle) throws BundleRejectedException {
        prepare(bundle);
        return bundle;
    }

    /**
     * Starts a new vat of {@code runtime} running {@code bundle}: the bundle's {@link VatEntry}
     * is given {@code args} in the vat's first turn, and the object it returns becomes the root,
     * reached through {@code root}. If the entry cannot be made, or its {@code start} fails, the
     * root promise breaks and the vat is terminated.
     *
     * @throws BundleRejectedException  if the bundle breaks the rules
     * @throws IllegalArgumentException if {@code root} is not one of the host types
     */
    public <T> ConfinedVat<T> spawn(VatRuntime runtime, String name, Bundle bundle, Class<T> root, List<Object> args)
            throws BundleRejectedException {
        return spawn(runtime, name, bundle, root, args, limits, Storage.inMemory(limits.storageBytes()));
    }

    /**
     * Like {@link #spawn(VatRuntime, String, Bundle, Class, List)}, with {@code limits} instead
     * of this confinement's, and handing the vat {@code storage} as its
     * {@link Endowments#storage()}, with the quota that store has.
     */
    public <T> ConfinedVat<T> spawn(VatRuntime runtime, String name, Bundle bundle, Class<T> root, List<Object> args,
                                    Limits limits, Storage storage) throws BundleRejectedException {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(name, "name");
        return spawn(() -> runtime.newVat(name), bundle, root, args, limits, storage);
    }

    /**
     * Like {@link #spawn(VatRuntime, String, Bundle, Class, List)}, in a vat {@code newVat}
     * makes: a new one, to which nothing has been sent, such as a host's vat that its metrics
     * count. It is made only once the bundle and the root interface have been accepted.
     *
     * @throws BundleRejectedException  if the bundle breaks the rules
     * @throws IllegalArgumentException if {@code root} is not one of the host types
     */
    public <T> ConfinedVat<T> spawn(Supplier<Vat> newVat, Bundle bundle, Class<T> root, List<Object> args)
            throws BundleRejectedException {
        return spawn(newVat, bundle, root, args, limits, Storage.inMemory(limits.storageBytes()));
    }

    /**
     * Like {@link #spawn(Supplier, Bundle, Class, List)}, with {@code limits} instead of this
     * confinement's, and handing the vat {@code storage} as its {@link Endowments#storage()},
     * with the quota that store has.
     */
    public <T> ConfinedVat<T> spawn(Supplier<Vat> newVat, Bundle bundle, Class<T> root, List<Object> args,
                                    Limits limits, Storage storage) throws BundleRejectedException {
        Objects.requireNonNull(newVat, "newVat");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(storage, "storage");
        List<Object> arguments = List.copyOf(args);
        if (hostTypes.get(root.getName()) != root) {
            throw new IllegalArgumentException("the root interface " + root.getName() + " is not a host type");
        }
        Prepared code = prepare(bundle);
        Vat vat = newVat.get();
        ConfinedLoader loader = new ConfinedLoader(vat.name(), code.classes(), hostTypes);
        Meter meter;
        try {
            meter = new Meter(loader.loadClass(Gauge.NAME), limits.perTurn(), limits.perVat());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a confined loader defines its gauge", e);
        }
        Ending ending = new Ending(vat);
        QuotaGuard guard = new QuotaGuard(vat.name(), meter, limits, ending);
        Vats.guard(vat, guard);
        VatEndowments endowments = new VatEndowments(vat, meter, log, storage);
        Promise<T> rootPromise = vat.call(() -> Entry.start(vat, loader, bundle.entry(), endowments, arguments, root,
                ending));
        return new Spawned<>(vat, rootPromise, meter, guard, limits, storage, ending);
    }

    private Prepared prepare(Bundle bundle) throws BundleRejectedException {
        Objects.requireNonNull(bundle, "bundle");
        Prepared known = prepared.get(bundle.hash());
        if (known == null) {
            known = prepareNew(bundle);
            if (prepared.size() >= CACHED_BUNDLES) {
                prepared.keySet().stream().findAny().ifPresent(prepared::remove);
            }
            prepared.putIfAbsent(bundle.hash(), known);
        }
        if (!known.violations().isEmpty()) {
            throw new BundleRejectedException(bundle.hash(), known.violations());
        }
        return known;
    }

    private Prepared prepareNew(Bundle bundle) {
        List<Violation> violations = verifier.check(bundle);
        if (!violations.isEmpty()) {
            return new Prepared(Map.of(), violations);
        }
        try {
            return new Prepared(metering.meter(bundle.classFiles()), List.of());
        } catch (UnmeterableException e) {
            return new Prepared(Map.of(), List.of(new Violation(e.className(), "", -1, "unmeterable", e.getMessage())));
        }
    }

    /** A bundle once judged: its metered classes, or why it was rejected. */
    private record Prepared(Map<String, byte[]> classes, List<Violation> violations) {
    }

    /** Chooses how a {@link Confinement} confines. */
    public static final class Builder {

        private final Map<String, Class<?>> hostTypes = new HashMap<>();
        private Limits limits = Limits.defaults();
        private Verifier verifier;
        private CallPricer pricer = new AllowListPricer(AllowList.standard());
        private System.Logger log = System.getLogger("dev.erg.confine.vat");

        private Builder() {
        }

        /**
         * Types of the host its bundles may see: the root interfaces they implement and the
         * records they receive and answer. Their public members are allowed.
         */
        public Builder hostTypes(Collection<Class<?>> types) {
            for (Class<?> type : new ArrayList<>(types)) {
                hostTypes.put(type.getName(), type);
            }
            return this;
        }

        /** What each confined vat may spend; default {@link Limits#defaults()}. */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * The verifier, instead of the standard one allowing the host types; it must allow
         * them itself.
         */
        public Builder verifier(Verifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /** Where confined vats' log lines go; default the logger {@code dev.erg.confine.vat}. */
        public Builder log(System.Logger log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /** Prices calls outside a bundle; default by the allow-list's sizes ({@link AllowListPricer}). */
        Builder callPricer(CallPricer pricer) {
            this.pricer = Objects.requireNonNull(pricer, "pricer");
            return this;
        }

        /** The confinement. */
        public Confinement build() {
            return new Confinement(this);
        }
    }
}
