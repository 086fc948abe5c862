package dev.erg.transparency;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenario with all vats in one runtime, with each vat behind its own node over
 * TLS, and on the deterministic scheduler, and fails on any difference a scenario does not
 * state, and prints a summary line with the count of scenarios and of differences.
 */
class TransparencyTest {

    private static final List<Scenario> SCENARIOS = Scenarios.all();
    private static final Queue<Verdict> VERDICTS = new ConcurrentLinkedQueue<>();
    private static Harness harness;

    @BeforeAll
    static void start() {
        harness = new Harness(SCENARIOS);
    }

    @AfterAll
    static void finish() {
        harness.close();
        System.out.println(summary());
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioBehavesAlikeInEveryMode() {
        return SCENARIOS.stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> {
            Verdict verdict = harness.check(scenario);
            VERDICTS.add(verdict);
            Transparency.require(verdict);
        }));
    }

    private static String summary() {
        List<Verdict> all = List.copyOf(VERDICTS);
        return "transparency: " + all.size() + " scenarios, " + harness.modes().size() + " modes, "
                + all.stream().mapToLong(v -> v.unstated().size() + v.hungIn().size()).sum()
                + " differences beyond those stated (" + all.stream().mapToLong(v -> v.stated().size()).sum()
                + " stated)";
    }
}
