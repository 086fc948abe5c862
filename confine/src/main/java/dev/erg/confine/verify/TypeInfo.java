package dev.erg.confine.verify;

import java.lang.reflect.AccessFlag;
import java.util.List;
import java.util.Map;

/**
 * What the verifier knows of a class or interface: where it comes from, its supertypes and the
 * members it declares, keyed by name and descriptor ({@code "length()I"}, {@code "MAX_VALUE I"}).
 *
 * @param name       the binary name ({@code java.lang.String})
 * @param origin     whose type it is
 * @param isInterface whether it is an interface
 * @param superName  the superclass's binary name, or null for {@code Object} and interfaces
 * @param interfaces the direct superinterfaces' binary names
 * @param members    access flags ({@link AccessFlag} masks) by member key
 */
record TypeInfo(String name, Origin origin, boolean isInterface, String superName, List<String> interfaces,
                Map<String, Integer> members) {

    /** Where a type comes from: its trust and where its rules come from. */
    enum Origin {
        /** The bundle's own: its code is verified. */
        BUNDLE,
        /** A type the host shows its bundles: its public members are allowed. */
        HOST,
        /** The JDK or Erg: its members are allowed only by the allow-list. */
        PLATFORM
    }

    /** The key under which a member is kept: a method's name and descriptor, or a field's name, a space and type. */
    static String key(String name, String descriptor) {
        return descriptor.startsWith("(") ? name + descriptor : name + " " + descriptor;
    }

    /** The access flags of the member, or null if this type does not declare it. */
    Integer flags(String name, String descriptor) {
        return members.get(key(name, descriptor));
    }

    boolean declares(String name, String descriptor) {
        return members.containsKey(key(name, descriptor));
    }

    static boolean has(int flags, AccessFlag flag) {
        return (flags & flag.mask()) != 0;
    }
}
