package dev.erg.confine.verify;

import dev.erg.confine.verify.TypeInfo.Origin;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.stream.Collectors;

/**
 * Decides whether a bundle may use a member: its own members always; a host type's public
 * members; a JDK or Erg member only if the allow-list grants it.
 *
 * <p>A virtual call may be granted through any supertype that declares the method, since a
 * bundle could cast the receiver up and make the same call. Static members, fields,
 * constructors and {@code super} calls are bound to one declaration, found as the JVM resolves
 * it, and are granted through the named type or that declaration's type only.
 */
final class MemberAccess {

    /** How a member is used. */
    enum Use {
        VIRTUAL("calls"), STATIC("calls"), SPECIAL("calls"), CONSTRUCTOR("constructs"),
        READ("reads"), WRITE("writes"), STATIC_READ("reads"), STATIC_WRITE("writes"), METHOD_REF("refers to");

        private final String verb;

        Use(String verb) {
            this.verb = verb;
        }
    }

    private final Hierarchy hierarchy;
    private final AllowList allowList;

    MemberAccess(Hierarchy hierarchy, AllowList allowList) {
        this.hierarchy = hierarchy;
        this.allowList = allowList;
    }

    /** Why the use is refused, or empty if it is allowed. */
    Optional<String> denial(String owner, String name, String descriptor, Use use) {
        if (owner.startsWith("[")) {
            return arrayMember(owner, name, descriptor, use);
        }
        List<String> missing = new ArrayList<>();
        SequencedSet<TypeInfo> supertypes = hierarchy.supertypes(owner, missing);
        String what = use.verb + " " + display(owner, name, descriptor);
        if (!missing.isEmpty()) {
            return Optional.of(what + ": " + missing.getFirst() + " is neither in the bundle nor in the JDK");
        }
        List<TypeInfo> declaring = supertypes.stream().filter(t -> t.declares(name, descriptor)).toList();
        if (declaring.isEmpty()) {
            return Optional.of(what + ": no such member");
        }
        TypeInfo resolved = declaring.getFirst();
        if (use == Use.CONSTRUCTOR && !resolved.name().equals(owner)) {
            return Optional.of(what + ": no such constructor");
        }
        if ((use == Use.WRITE || use == Use.STATIC_WRITE) && resolved.origin() != Origin.BUNDLE) {
            return Optional.of(what + ": only the bundle's own fields may be written");
        }
        boolean granted = isVirtual(use, resolved.flags(name, descriptor))
                ? declaring.stream().anyMatch(t -> isOverridable(t.flags(name, descriptor)) && grants(t, name, descriptor))
                : grants(resolved, name, descriptor);
        return granted ? Optional.empty() : Optional.of(what + ": not on the allow-list");
    }

    /** Whether bundle code may extend or implement {@code type}: its own, the host's, or marked {@code extend}. */
    boolean implementable(String type) {
        return hierarchy.inBundle(type) || hierarchy.isHost(type) || allowList.extendable(type);
    }

    /** Why naming {@code type} as a class (a class constant, {@code new}) is refused, or empty. */
    Optional<String> typeDenial(String type, String verb) {
        if (type.startsWith("[")) {
            return Optional.empty();
        }
        if (hierarchy.inBundle(type) || hierarchy.isHost(type) || allowList.knows(type)) {
            return Optional.empty();
        }
        return Optional.of(verb + " " + type + ": not on the allow-list");
    }

    private boolean grants(TypeInfo type, String name, String descriptor) {
        return switch (type.origin()) {
            case BUNDLE -> true;
            case HOST -> TypeInfo.has(type.flags(name, descriptor), AccessFlag.PUBLIC);
            case PLATFORM -> allowList.lookup(type.name(), name, descriptor).isPresent();
        };
    }

    private static boolean isVirtual(Use use, int flags) {
        return (use == Use.VIRTUAL || use == Use.METHOD_REF) && isOverridable(flags);
    }

    private static boolean isOverridable(int flags) {
        return !TypeInfo.has(flags, AccessFlag.STATIC) && !TypeInfo.has(flags, AccessFlag.PRIVATE);
    }

    private Optional<String> arrayMember(String owner, String name, String descriptor, Use use) {
        if (name.equals("clone") && descriptor.equals("()Ljava/lang/Object;")) {
            return Optional.empty();
        }
        return denial("java.lang.Object", name, descriptor, use)
                .map(reason -> reason.replace("java.lang.Object", display(owner)));
    }

    /** A member as Java shows it: {@code java.lang.System.exit(int)}, {@code java.lang.System.out}. */
    static String display(String owner, String name, String descriptor) {
        String type = display(owner);
        if (!descriptor.startsWith("(")) {
            return type + "." + name;
        }
        try {
            String parameters = MethodTypeDesc.ofDescriptor(descriptor).parameterList().stream()
                    .map(MemberAccess::display).collect(Collectors.joining(", "));
            return type + "." + name + "(" + parameters + ")";
        } catch (IllegalArgumentException e) {
            return type + "." + name + descriptor;
        }
    }

    /** A field descriptor as Java shows the type: {@code java.util.List}, {@code int[]}. */
    static String typeName(String descriptor) {
        try {
            return display(ClassDesc.ofDescriptor(descriptor));
        } catch (IllegalArgumentException e) {
            return descriptor;
        }
    }

    private static String display(ClassDesc type) {
        return type.isArray() ? display(type.componentType()) + "[]"
                : type.isPrimitive() ? type.displayName()
                : type.descriptorString().substring(1, type.descriptorString().length() - 1).replace('/', '.');
    }

    private static String display(String binaryName) {
        if (!binaryName.startsWith("[")) {
            return binaryName;
        }
        try {
            return display(ClassDesc.ofDescriptor(binaryName.replace('.', '/')));
        } catch (IllegalArgumentException e) {
            return binaryName;
        }
    }
}
