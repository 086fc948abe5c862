package dev.erg.confine.verify;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.reflect.AccessFlag;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

/**
 * The rules about a class as a whole: its version, name and package, what it extends, and the
 * kinds of methods it may not declare.
 */
final class ClassRules {

    /** The newest class file a bundle may hold: Java 25. */
    static final int MAX_MAJOR_VERSION = ClassFile.JAVA_25_VERSION;

    private static final int MAGIC = 0xCAFEBABE;
    private static final List<String> RESERVED_PACKAGES =
            List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.erg.");
    private static final Set<String> SERIALIZATION_TYPES = Set.of("java.io.Serializable", "java.io.Externalizable");
    /** The methods Java serialization calls by name, with their descriptors. */
    private static final Set<String> SERIALIZATION_HOOKS = Set.of(
            "readObject(Ljava/io/ObjectInputStream;)V", "writeObject(Ljava/io/ObjectOutputStream;)V",
            "readObjectNoData()V", "readResolve()Ljava/lang/Object;", "writeReplace()Ljava/lang/Object;",
            "readExternal(Ljava/io/ObjectInput;)V", "writeExternal(Ljava/io/ObjectOutput;)V");
    private static final String LAMBDA_DESERIALIZER = "$deserializeLambda$";

    private final MemberAccess access;

    ClassRules(MemberAccess access) {
        this.access = access;
    }

    /**
     * Whether the class file is newer than the class-file API here can read, reported as such
     * rather than as unreadable: its major version is in bytes 6 and 7.
     */
    static boolean tooNew(String className, byte[] bytes, Findings findings) {
        if (bytes.length < 8 || ByteBuffer.wrap(bytes).getInt() != MAGIC) {
            return false;
        }
        int major = Short.toUnsignedInt(ByteBuffer.wrap(bytes, 6, 2).getShort());
        if (major <= MAX_MAJOR_VERSION) {
            return false;
        }
        findings.add(className, Rule.CLASS_VERSION,
                "class file version " + major + " is newer than Java 25 (" + MAX_MAJOR_VERSION + ")");
        return true;
    }

    /** Checks that the class file uses no preview features and is the class the bundle names; false if it is unusable. */
    static boolean checkHeader(String className, ClassModel model, Findings findings) {
        boolean usable = true;
        if (model.minorVersion() == ClassFile.PREVIEW_MINOR_VERSION) {
            findings.add(className, Rule.CLASS_VERSION, "compiled with preview features");
            usable = false;
        }
        if (model.flags().has(AccessFlag.MODULE)) {
            findings.add(className, Rule.MALFORMED, "a module descriptor: bundles are loaded into an unnamed module");
            return false;
        }
        String named = Hierarchy.binaryName(model.thisClass());
        if (!named.equals(className)) {
            findings.add(className, Rule.MALFORMED, "the class file holds " + named + ", not " + className);
            usable = false;
        }
        return usable;
    }

    /** Checks the package, supertypes and methods of a bundle class. */
    void check(String className, ClassModel model, Findings findings) {
        RESERVED_PACKAGES.stream().filter(className::startsWith).findFirst().ifPresent(prefix ->
                findings.add(className, Rule.PACKAGE, "the package " + prefix + "* is reserved for the JDK and Erg"));
        model.superclass().ifPresent(s -> checkSupertype(className, s, findings));
        for (ClassEntry i : model.interfaces()) {
            checkSupertype(className, i, findings);
        }
        for (MethodModel method : model.methods()) {
            checkMethod(className, method, findings);
        }
    }

    private void checkSupertype(String className, ClassEntry supertype, Findings findings) {
        String name = Hierarchy.binaryName(supertype);
        if (SERIALIZATION_TYPES.contains(name)) {
            findings.add(className, Rule.SERIALIZATION, "implements " + name + ": Java serialization is not allowed");
        } else if (!access.implementable(name)) {
            findings.add(className, Rule.SUPERTYPE, "extends " + name + ", which bundles may not extend or implement");
        }
    }

    private static void checkMethod(String className, MethodModel method, Findings findings) {
        String name = method.methodName().stringValue();
        String signature = name + method.methodType().stringValue();
        boolean isStatic = method.flags().has(AccessFlag.STATIC);
        if (method.flags().has(AccessFlag.NATIVE)) {
            findings.add(className, signature, -1, Rule.NATIVE, "native method: its code cannot be verified");
        }
        if (method.flags().has(AccessFlag.SYNCHRONIZED)) {
            findings.add(className, signature, -1, Rule.SYNCHRONIZED, "synchronized method: it could block host threads");
        }
        if (!isStatic && signature.equals("finalize()V")) {
            findings.add(className, signature, -1, Rule.FINALIZER, "overrides finalize(): it would run on a JVM thread");
        }
        if (SERIALIZATION_HOOKS.contains(signature) || name.equals(LAMBDA_DESERIALIZER)) {
            findings.add(className, signature, -1, Rule.SERIALIZATION, "a Java serialization hook");
        }
    }
}
