package dev.erg.confine;

import java.util.Objects;

/**
 * One way in which a bundle breaks the rules of the confined subset: where (class, method and
 * bytecode offset, the latter two absent for rules about a whole class or the bundle), which
 * rule, and what exactly was found.
 *
 * @param className the class, as a binary name ({@code com.example.Scorer}), or empty for the bundle
 * @param method    the method's name and descriptor ({@code score(J)J}), or empty
 * @param offset    the bytecode offset within the method, or -1
 * @param rule      the rule broken, a short stable name such as {@code reflection}
 * @param detail    what was found, e.g. {@code calls java.lang.Class.forName(String)}
 */
public record Violation(String className, String method, int offset, String rule, String detail) {

    public Violation {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(className.isEmpty() ? "bundle" : className);
        if (!method.isEmpty()) {
            where.append('.').append(method);
        }
        if (offset >= 0) {
            where.append(" @").append(offset);
        }
        return where + ": " + rule + ": " + detail;
    }
}
