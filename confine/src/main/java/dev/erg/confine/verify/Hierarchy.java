package dev.erg.confine.verify;

import dev.erg.confine.verify.TypeInfo.Origin;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.reflect.AccessFlag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * The types a bundle can see, by binary name: its own classes (from their class files), the
 * host's types, and the JDK's and Erg's (by reflection). Answers which types a type extends.
 */
final class Hierarchy {

    private final Map<String, TypeInfo> bundle;
    private final Map<String, TypeInfo> host;

    /** The bundle's types and the host's, each by binary name. */
    Hierarchy(Map<String, TypeInfo> bundle, Map<String, TypeInfo> host) {
        this.bundle = Map.copyOf(bundle);
        this.host = Map.copyOf(host);
    }

    /** The named type, or empty if nothing the bundle may see has that name. */
    Optional<TypeInfo> find(String binaryName) {
        TypeInfo own = bundle.get(binaryName);
        if (own != null) {
            return Optional.of(own);
        }
        TypeInfo shown = host.get(binaryName);
        return shown != null ? Optional.of(shown) : PlatformTypes.find(binaryName);
    }

    boolean inBundle(String binaryName) {
        return bundle.containsKey(binaryName);
    }

    boolean isHost(String binaryName) {
        return host.containsKey(binaryName);
    }

    /** The bundle's classes, described. */
    Iterable<TypeInfo> bundleTypes() {
        return bundle.values();
    }

    /**
     * The type and all its supertypes in the order the JVM resolves members: the type, its
     * superclasses, then interfaces breadth first ({@code Object} last for an interface). Names
     * that cannot be found are in {@code missing}.
     */
    SequencedSet<TypeInfo> supertypes(String binaryName, List<String> missing) {
        SequencedSet<TypeInfo> found = new LinkedHashSet<>();
        Deque<String> interfaces = new ArrayDeque<>();
        boolean isInterface = false;
        String next = binaryName;
        while (next != null) {
            Optional<TypeInfo> type = find(next);
            if (type.isEmpty()) {
                missing.add(next);
                break;
            }
            found.add(type.get());
            isInterface |= type.get().isInterface();
            interfaces.addAll(type.get().interfaces());
            next = type.get().superName();
        }
        while (!interfaces.isEmpty()) {
            String name = interfaces.removeFirst();
            Optional<TypeInfo> type = find(name);
            if (type.isEmpty()) {
                missing.add(name);
            } else if (found.add(type.get())) {
                interfaces.addAll(type.get().interfaces());
            }
        }
        if (isInterface) {
            find("java.lang.Object").ifPresent(found::add);
        }
        return found;
    }

    /** Whether {@code binaryName} is {@code ancestor} or extends or implements it. */
    boolean isSubtype(String binaryName, String ancestor) {
        return supertypes(binaryName, new ArrayList<>()).stream().anyMatch(t -> t.name().equals(ancestor));
    }

    /** The binary name a class entry names: {@code java.lang.String}, or an array's descriptor. */
    static String binaryName(ClassEntry entry) {
        return entry.asInternalName().replace('/', '.');
    }

    /** Describes a bundle class; throws IllegalArgumentException if its class file is malformed. */
    static TypeInfo describe(String name, ClassModel model) {
        Map<String, Integer> members = new HashMap<>();
        for (MethodModel m : model.methods()) {
            members.put(TypeInfo.key(m.methodName().stringValue(), m.methodType().stringValue()), m.flags().flagsMask());
        }
        for (FieldModel f : model.fields()) {
            members.put(TypeInfo.key(f.fieldName().stringValue(), f.fieldType().stringValue()), f.flags().flagsMask());
        }
        List<String> interfaces = model.interfaces().stream().map(Hierarchy::binaryName).toList();
        return new TypeInfo(name, Origin.BUNDLE, model.flags().has(AccessFlag.INTERFACE),
                model.superclass().map(Hierarchy::binaryName).orElse(null), interfaces, Map.copyOf(members));
    }
}
