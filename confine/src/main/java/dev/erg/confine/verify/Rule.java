package dev.erg.confine.verify;

import java.util.Locale;

/** The rules a bundle may break, each with the short stable name a {@code Violation} carries. */
public enum Rule {
    /** A class file that cannot be parsed, or is not the class the bundle names. */
    MALFORMED,
    /** A class file newer than Java 25, or compiled with preview features. */
    CLASS_VERSION,
    /** A class in a package reserved for the JDK or Erg. */
    PACKAGE,
    /** A superclass or interface that is neither the bundle's, the host's nor meant to be extended. */
    SUPERTYPE,
    /** A native method: code the verifier cannot see. */
    NATIVE,
    /** A {@code finalize()} override: code run on the garbage collector's thread. */
    FINALIZER,
    /** A synchronized method or a monitor instruction: it could block host threads. */
    SYNCHRONIZED,
    /** Java serialization: Serializable types, serialization hooks, serializable lambdas. */
    SERIALIZATION,
    /** A static field that is not final, or holds a value that may change. */
    MUTABLE_STATIC,
    /** A write to a static field outside the static initializer of its class. */
    STATIC_WRITE,
    /** A use of a class or member outside the bundle that the allow-list does not grant. */
    ALLOW_LIST,
    /** An invokedynamic whose bootstrap method javac does not use for plain Java. */
    INVOKEDYNAMIC,
    /** A loadable constant (method handle, method type, dynamic constant) the subset does not need. */
    CONSTANT,
    /** A handler that catches Throwable or an Error. */
    CATCH_ERROR,
    /** An entry class that cannot start a vat. */
    ENTRY;

    /** The rule's name in violations, such as {@code mutable-static}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
