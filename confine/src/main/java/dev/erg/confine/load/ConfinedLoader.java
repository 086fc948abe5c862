package dev.erg.confine.load;

import dev.erg.confine.meter.Gauge;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;

/**
 * The class loader of one confined vat. It defines the vat's metered bundle classes and its
 * {@link Gauge}, and shows them nothing else but the JDK packages a bundle may use (with a
 * few dangerous classes withheld), the public types of Erg's API packages, and the host types
 * the host named; any other name is a {@link ClassNotFoundException}. It never asks a parent:
 * the verifier decides which members a bundle may use, and this loader makes sure that no
 * class outside those packages can be reached at all.
 */
public final class ConfinedLoader extends ClassLoader {

    /** JDK packages whose classes a bundle may see (the verifier chooses their members). */
    private static final Set<String> JDK_PACKAGES = Set.of("java.lang", "java.util", "java.util.function",
            "java.util.stream", "java.util.random", "java.util.regex", "java.math", "java.time",
            "java.time.temporal", "java.time.format");
    /** Classes of those packages withheld all the same: threads, processes, loaders, the runtime. */
    private static final Set<String> WITHHELD = Set.of("java.lang.Thread", "java.lang.ThreadGroup",
            "java.lang.Runtime", "java.lang.ClassLoader", "java.lang.Process", "java.lang.ProcessBuilder",
            "java.lang.ProcessHandle", "java.lang.StackWalker", "java.lang.Module", "java.lang.ModuleLayer",
            "java.lang.ThreadLocal", "java.lang.InheritableThreadLocal", "java.lang.ScopedValue");
    /** The bootstrap classes javac's invokedynamic and constant dynamic sites name. */
    private static final Set<String> BOOTSTRAPS = Set.of("java.lang.invoke.LambdaMetafactory",
            "java.lang.invoke.StringConcatFactory", "java.lang.invoke.MethodHandles$Lookup",
            "java.lang.invoke.MethodHandle", "java.lang.invoke.MethodType", "java.lang.invoke.CallSite",
            "java.lang.invoke.TypeDescriptor", "java.lang.runtime.ObjectMethods", "java.lang.runtime.SwitchBootstraps");
    /** Erg's API packages a bundle may see: values, promises, references and its own API. */
    private static final Set<String> ERG_PACKAGES = Set.of("dev.erg.vat", "dev.erg.confine");

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;
    private final Map<String, Class<?>> hostTypes;
    private final ClassLoader erg;

    /**
     * @param name      for diagnostics, e.g. the vat's name
     * @param classes   the metered bundle classes by binary name; not copied, not to be changed
     * @param hostTypes the host types the bundle may see, by binary name
     */
    public ConfinedLoader(String name, Map<String, byte[]> classes, Map<String, Class<?>> hostTypes) {
        super(name, null);
        this.classes = classes;
        this.hostTypes = Map.copyOf(hostTypes);
        this.erg = ConfinedLoader.class.getClassLoader();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = find(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> find(String name) throws ClassNotFoundException {
        byte[] bytes = name.equals(Gauge.NAME) ? Gauge.classFile() : classes.get(name);
        if (bytes != null) {
            return defineClass(name, bytes, 0, bytes.length);
        }
        Class<?> host = hostTypes.get(name);
        if (host != null) {
            return host;
        }
        String pkg = packageOf(name);
        if (JDK_PACKAGES.contains(pkg) && !WITHHELD.contains(name) || BOOTSTRAPS.contains(name)) {
            return Class.forName(name, false, ClassLoader.getPlatformClassLoader());
        }
        if (ERG_PACKAGES.contains(pkg)) {
            Class<?> api = Class.forName(name, false, erg);
            if (Modifier.isPublic(api.getModifiers()) && api.getModule().isExported(pkg)) {
                return api;
            }
        }
        throw new ClassNotFoundException(name + " is not visible to confined code");
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        throw new ClassNotFoundException(name);
    }

    private static String packageOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }
}
