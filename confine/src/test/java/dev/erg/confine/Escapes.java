package dev.erg.confine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.assertj.core.groups.Tuple;

/** Checks one plugin class, {@code plugin.Escape}, and compares the violations found with those expected. */
final class Escapes {

    private Escapes() {}

    static List<Violation> check(String source) {
        return Verifier.standard().check(SourceBundles.bundle(source));
    }

    /** The violations, as (rule, class, method), are exactly {@code expected}, in order. */
    static void assertViolations(String source, Tuple... expected) {
        assertThat(check(source))
                .extracting(Violation::rule, Violation::className, Violation::method)
                .containsExactly(expected);
    }

    /** As {@link #assertViolations}, with repeats of one (rule, class, method) shown once. */
    static void assertDistinctViolations(String source, Tuple... expected) {
        assertThat(check(source).stream().map(v -> tuple(v.rule(), v.className(), v.method())).distinct().toList())
                .containsExactly(expected);
    }

    /** A violation of {@code rule} in {@code method} of {@code plugin.Escape}. */
    static Tuple at(String rule, String method) {
        return tuple(rule, "plugin.Escape", method);
    }
}
