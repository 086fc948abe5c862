package dev.erg.confine.verify;

import dev.erg.confine.Violation;
import java.util.ArrayList;
import java.util.List;

/** Collects the violations found in one bundle, in the order they are found. */
final class Findings {

    private final List<Violation> violations = new ArrayList<>();

    void add(String className, String method, int offset, Rule rule, String detail) {
        violations.add(new Violation(className, method, offset, rule.id(), detail));
    }

    /** A violation of a whole class. */
    void add(String className, Rule rule, String detail) {
        add(className, "", -1, rule, detail);
    }

    List<Violation> list() {
        return List.copyOf(violations);
    }
}
