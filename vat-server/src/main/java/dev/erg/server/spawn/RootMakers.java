package dev.erg.server.spawn;

import dev.erg.server.spi.RootMaker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The root makers a server knows, by name, and the root interfaces they register, by their
 * binary names: the only code and the only interfaces a spawner can name. Immutable.
 */
public final class RootMakers {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Map<String, RootMaker> makers;
    private final Map<String, Class<?>> interfaces;

    private RootMakers(Map<String, RootMaker> makers, Map<String, Class<?>> interfaces) {
        this.makers = Collections.unmodifiableMap(makers);
        this.interfaces = Collections.unmodifiableMap(interfaces);
    }

    /**
     * The makers listed in {@code META-INF/services/dev.erg.server.spi.RootMaker} on the class path.
     *
     * @throws IllegalStateException if two makers share a name, or a name is invalid
     */
    public static RootMakers load() {
        List<RootMaker> found = new ArrayList<>();
        ServiceLoader.load(RootMaker.class, RootMaker.class.getClassLoader()).forEach(found::add);
        return of(found);
    }

    /**
     * The makers {@code makers}.
     *
     * @throws IllegalStateException if two makers share a name, a name is invalid, or a root is
     *                               not an interface
     */
    public static RootMakers of(List<RootMaker> makers) {
        Map<String, RootMaker> byName = new TreeMap<>();
        Map<String, Class<?>> interfaces = new TreeMap<>();
        for (RootMaker maker : makers) {
            String name = maker.name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalStateException("root maker " + maker.getClass().getName() + " is called \"" + name
                        + "\" (expected: 1 to 63 lower-case letters, digits and dashes)");
            }
            RootMaker previous = byName.putIfAbsent(name, maker);
            if (previous != null) {
                throw new IllegalStateException("two root makers are called \"" + name + "\": "
                        + previous.getClass().getName() + " and " + maker.getClass().getName());
            }
            Class<?> root = maker.root();
            if (root == null || !root.isInterface()) {
                throw new IllegalStateException("root maker " + name + " names " + root + " as its root (expected: a remote interface)");
            }
            interfaces.put(root.getName(), root);
        }
        return new RootMakers(byName, interfaces);
    }

    /** The maker called {@code name}, if known. */
    public Optional<RootMaker> maker(String name) {
        return Optional.ofNullable(makers.get(name));
    }

    /** The registered root interface whose binary name is {@code name}, if any. */
    public Optional<Class<?>> rootInterface(String name) {
        return Optional.ofNullable(interfaces.get(name));
    }

    /** The registered root interfaces, sorted by binary name. */
    public List<Class<?>> rootInterfaces() {
        return List.copyOf(interfaces.values());
    }

    /** The makers' names, sorted. */
    public List<String> names() {
        return List.copyOf(makers.keySet());
    }

    /** Each maker as {@code name: Interface}, sorted by name. */
    public List<String> listing() {
        return makers.values().stream().map(m -> m.name() + ": " + m.root().getName()).toList();
    }

    /** The records and enums every maker's root passes. */
    public List<Class<?>> passables() {
        return makers.values().stream().flatMap(m -> m.passables().stream()).distinct().toList();
    }
}
