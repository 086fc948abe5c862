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
 * state. Scenarios awaiting a runtime fix report their differences as skipped tests, unless
 * {@code -Derg.transparency.awaiting=fail} makes them count like the others.
 */
class TransparencyTest {

    private static final List<Scenario> SCENARIOS = Scenarios.all();
    private static final boolean AWAITING_FAIL = Transparency.awaitingFails();
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
        List<Verdict> core = VERDICTS.stream().filter(v -> v.scenario().awaiting() == null || AWAITING_FAIL).toList();
        List<Verdict> awaiting = VERDICTS.stream().filter(v -> v.scenario().awaiting() != null && !AWAITING_FAIL).toList();
        return "transparency: " + core.size() + " scenarios, " + harness.modes().size() + " modes, "
                + unstated(core) + " differences beyond those stated ("
                + core.stream().mapToLong(v -> v.stated().size()).sum() + " stated)"
                + (awaiting.isEmpty() ? "" : "; awaiting runtime fixes: " + awaiting.size() + " scenarios, "
                + unstated(awaiting) + " differences");
    }

    private static long unstated(List<Verdict> verdicts) {
        return verdicts.stream().mapToLong(v -> v.unstated().size() + v.hungIn().size()).sum();
    }
}
