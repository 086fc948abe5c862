package dev.erg.vat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which interfaces are remote: interfaces outside the Java platform whose every abstract
 * method returns {@link Promise} or {@code void}, with no two abstract methods of the same
 * name (a method is named on the wire by its name alone: its {@link RemoteName} if it has one,
 * else its Java name) and at most one {@link Otherwise} method. An object implementing at
 * least one remote interface is a capability: it crosses vats as an eventual reference.
 */
final class RemoteInterfaces {

    private static final Class<?>[] NONE = new Class<?>[0];

    /** Why an interface is not remote, or null if it is. */
    private static final ClassValue<String> REFUSAL = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return refusal(type);
        }
    };

    private static final ClassValue<Class<?>[]> OF_CLASS = new ClassValue<>() {
        @Override
        protected Class<?>[] computeValue(Class<?> type) {
            Set<Class<?>> found = new LinkedHashSet<>();
            collect(type, found);
            return found.isEmpty() ? NONE : found.toArray(Class<?>[]::new);
        }
    };

    private static final ClassValue<Map<String, RemoteMethod>> METHODS = new ClassValue<>() {
        @Override
        protected Map<String, RemoteMethod> computeValue(Class<?> iface) {
            Map<String, RemoteMethod> methods = new HashMap<>();
            for (Method m : iface.getMethods()) {
                if (Modifier.isAbstract(m.getModifiers())) {
                    methods.put(nameOf(m), new RemoteMethod(m));
                }
            }
            return Map.copyOf(methods);
        }
    };

    /** The interface's {@link Otherwise} method, if it has one. */
    private static final ClassValue<Optional<RemoteMethod>> OTHERWISE = new ClassValue<>() {
        @Override
        protected Optional<RemoteMethod> computeValue(Class<?> iface) {
            for (Method m : iface.getMethods()) {
                if (Modifier.isAbstract(m.getModifiers()) && m.isAnnotationPresent(Otherwise.class)) {
                    return Optional.of(METHODS.get(iface).get(nameOf(m)));
                }
            }
            return Optional.empty();
        }
    };

    private RemoteInterfaces() {
    }

    static boolean isRemote(Class<?> type) {
        return REFUSAL.get(type) == null;
    }

    /**
     * Checks, once per interface, that {@code type} is a remote interface whose every method
     * can be called across vats: each parameter and answer of a type whose values can cross.
     *
     * @throws IllegalArgumentException saying why not, naming the method and the type
     */
    static void require(Class<?> type) {
        String refusal = REFUSAL.get(type);
        if (refusal != null) {
            throw new IllegalArgumentException(type.getName() + " is not a remote interface: " + refusal);
        }
        for (RemoteMethod m : methodsOf(type).values()) {
            if (m.refusal() != null) {
                throw new IllegalArgumentException(type.getName() + " cannot be called across vats: " + m.refusal());
            }
        }
    }

    /** The remote interfaces {@code type} implements; empty if its instances are not capabilities. */
    static Class<?>[] of(Class<?> type) {
        return OF_CLASS.get(type);
    }

    /** The remote method that {@code method}, an abstract method of a remote interface, stands for. */
    static RemoteMethod method(Method method) {
        RemoteMethod known = byIdentity.get(method);
        if (known == null) {
            known = METHODS.get(method.getDeclaringClass()).get(nameOf(method));
            remember(method, known);
        }
        return known;
    }

    /** The method called {@code name} of the first of {@code interfaces} that has one, or null. */
    static RemoteMethod named(Class<?>[] interfaces, String name) {
        for (Class<?> i : interfaces) {
            RemoteMethod m = methodsOf(i).get(name);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /**
     * The {@link Otherwise} method of the first of {@code interfaces} that has one, which
     * receives messages no method of theirs is named by; or null.
     */
    static RemoteMethod otherwise(Class<?>[] interfaces) {
        for (Class<?> i : interfaces) {
            Optional<RemoteMethod> m = OTHERWISE.get(i);
            if (m.isPresent()) {
                return m.get();
            }
        }
        return null;
    }

    /** The name {@code method} is called by on the wire: its {@link RemoteName}, else its Java name. */
    static String nameOf(Method method) {
        RemoteName named = method.getAnnotation(RemoteName.class);
        return named == null ? method.getName() : named.value();
    }

    /** The methods of a remote interface and of the interfaces it extends, by name. */
    private static Map<String, RemoteMethod> methodsOf(Class<?> iface) {
        return METHODS.get(iface);
    }

    /*
     * A proxy hands its handler the same Method objects on every call, so an identity map
     * finds them without hashing names. Copied on write: misses are few (one per method of
     * each proxy class) and reads take no lock.
     */
    private static volatile IdentityHashMap<Method, RemoteMethod> byIdentity = new IdentityHashMap<>();

    private static synchronized void remember(Method method, RemoteMethod remote) {
        IdentityHashMap<Method, RemoteMethod> copy = new IdentityHashMap<>(byIdentity);
        copy.put(method, remote);
        byIdentity = copy;
    }

    private static void collect(Class<?> type, Set<Class<?>> found) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (isRemote(i)) {
                    found.add(i);
                } else {
                    collect(i, found);
                }
            }
        }
    }

    private static String refusal(Class<?> type) {
        if (!type.isInterface() || type.isAnnotation()) {
            return "not an interface";
        }
        String name = type.getName();
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")) {
            return "interfaces of the Java platform are never remote";
        }
        Set<String> names = new LinkedHashSet<>();
        int otherwise = 0;
        for (Method m : type.getMethods()) {
            if (!Modifier.isAbstract(m.getModifiers())) {
                continue;
            }
            Class<?> r = m.getReturnType();
            if (r != void.class && r != Promise.class) {
                return "method " + m.getName() + " returns " + r.getSimpleName() + " (expected: Promise or void)";
            }
            String badName = badName(m);
            if (badName != null) {
                return badName;
            }
            if (!names.add(nameOf(m))) {
                return "method " + nameOf(m) + " is overloaded (remote methods are named by name alone)";
            }
            if (m.isAnnotationPresent(Otherwise.class)) {
                Class<?>[] p = m.getParameterTypes();
                if (p.length != 2 || p[0] != String.class || p[1] != List.class) {
                    return "method " + m.getName() + " is @Otherwise but does not take (String, List<Object>)";
                }
                otherwise++;
            }
        }
        if (otherwise > 1) {
            return "more than one method is @Otherwise";
        }
        if (names.isEmpty()) {
            return "it declares no abstract methods";
        }
        return null;
    }

    /** Why the {@link RemoteName} of {@code m} cannot name a method, or null. */
    private static String badName(Method m) {
        RemoteName named = m.getAnnotation(RemoteName.class);
        if (named == null) {
            return null;
        }
        String name = named.value();
        if (name.isEmpty() || name.length() > RemoteName.MAX_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            return "method " + m.getName() + " has a @RemoteName that is empty, longer than "
                    + RemoteName.MAX_LENGTH + " characters or holds a control character";
        }
        return null;
    }
}
