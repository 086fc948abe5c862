package dev.erg.server.host;

import dev.erg.server.spi.ServiceMaker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The service makers a server knows, by name: the only code a configuration can ask it to
 * host. Immutable.
 */
public final class ServiceRegistry {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Map<String, ServiceMaker> makers;

    private ServiceRegistry(Map<String, ServiceMaker> makers) {
        this.makers = Collections.unmodifiableMap(makers);
    }

    /**
     * The makers listed in {@code META-INF/services/dev.erg.server.spi.ServiceMaker} on the
     * class path.
     *
     * @throws IllegalStateException if two makers share a name, or a name is invalid
     */
    public static ServiceRegistry load() {
        List<ServiceMaker> found = new ArrayList<>();
        ServiceLoader.load(ServiceMaker.class, ServiceMaker.class.getClassLoader()).forEach(found::add);
        return of(found);
    }

    /**
     * The makers {@code makers}.
     *
     * @throws IllegalStateException if two makers share a name, or a name is invalid
     */
    public static ServiceRegistry of(List<ServiceMaker> makers) {
        Map<String, ServiceMaker> byName = new TreeMap<>();
        for (ServiceMaker maker : makers) {
            String name = maker.name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalStateException("service maker " + maker.getClass().getName() + " is called \"" + name
                        + "\" (expected: 1 to 63 lower-case letters, digits and dashes)");
            }
            ServiceMaker previous = byName.putIfAbsent(name, maker);
            if (previous != null) {
                throw new IllegalStateException("two service makers are called \"" + name + "\": "
                        + previous.getClass().getName() + " and " + maker.getClass().getName());
            }
        }
        return new ServiceRegistry(byName);
    }

    /** The makers' names, sorted. */
    public Set<String> names() {
        return makers.keySet();
    }

    /** The maker called {@code name}, if known. */
    public Optional<ServiceMaker> maker(String name) {
        return Optional.ofNullable(makers.get(name));
    }
}
