package dev.erg.confine.verify;

import dev.erg.confine.verify.TypeInfo.Origin;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Describes JDK and Erg types by reflecting on them host-side, never initializing them: the JDK
 * through the platform class loader, Erg's own API through this module's loader. A bundle's own
 * classes are never loaded here.
 */
final class PlatformTypes {

    /** Types found, never names that were not: those come from bundles and are unbounded. */
    private static final Map<String, TypeInfo> CACHE = new ConcurrentHashMap<>();

    private PlatformTypes() {}

    /** The type named, if the JDK or Erg has it. */
    static Optional<TypeInfo> find(String binaryName) {
        TypeInfo known = CACHE.get(binaryName);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<TypeInfo> found = describe(binaryName);
        found.ifPresent(type -> CACHE.put(binaryName, type));
        return found;
    }

    /** Describes a class the host handed in, whose origin is {@code origin}. */
    static TypeInfo describe(Class<?> type, Origin origin) {
        Map<String, Integer> members = new HashMap<>();
        for (Method m : type.getDeclaredMethods()) {
            members.put(TypeInfo.key(m.getName(), descriptor(m.getReturnType(), m.getParameterTypes())), m.getModifiers());
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            members.put(TypeInfo.key("<init>", descriptor(void.class, c.getParameterTypes())), c.getModifiers());
        }
        for (Field f : type.getDeclaredFields()) {
            members.put(TypeInfo.key(f.getName(), f.getType().descriptorString()), f.getModifiers());
        }
        Class<?> superclass = type.getSuperclass();
        List<String> interfaces = Arrays.stream(type.getInterfaces()).map(Class::getName).toList();
        return new TypeInfo(type.getName(), origin, type.isInterface(),
                superclass == null ? null : superclass.getName(), interfaces, Map.copyOf(members));
    }

    private static Optional<TypeInfo> describe(String binaryName) {
        ClassLoader loader = binaryName.startsWith("dev.erg.")
                ? PlatformTypes.class.getClassLoader()
                : ClassLoader.getPlatformClassLoader();
        try {
            return Optional.of(describe(Class.forName(binaryName, false, loader), Origin.PLATFORM));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static String descriptor(Class<?> returnType, Class<?>[] parameters) {
        return MethodType.methodType(returnType, parameters).descriptorString();
    }
}
