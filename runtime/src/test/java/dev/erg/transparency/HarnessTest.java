package dev.erg.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.transparency.PassableScenarios.Croupier;
import dev.erg.transparency.PassableScenarios.Dealer;
import dev.erg.transparency.PassableScenarios.Unregistered;
import dev.erg.vat.Promise;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The harness itself: that it sees differences, matches stated ones, and reports hangs. */
class HarnessTest {

    private static final Script ECHO_UNREGISTERED = (w, out) -> {
        Dealer dealer = w.share("bob", new Croupier(), Dealer.class, "alice");
        return w.vat("alice").callPromise(() -> Settle.inOrder(out, "answers", List.of(dealer.echo(new Unregistered("x")))));
    };

    private static Harness harness;

    @BeforeAll
    static void start() {
        harness = new Harness(List.of(), Duration.ofSeconds(1));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void aDifferenceNobodyStatedIsReportedWithBothRuns() {
        Verdict verdict = harness.check(Scenario.of("unregistered", ECHO_UNREGISTERED));

        assertThat(verdict.transparent()).isFalse();
        assertThat(verdict.unstated()).singleElement().satisfies(d -> {
            assertThat(d.mode()).isEqualTo(Mode.TLS);
            assertThat(d.channel()).isEqualTo("answers");
            assertThat(d.local()).containsExactly("fulfilled Unregistered(text=String \"x\")");
            assertThat(d.actual()).singleElement().asString().startsWith("broken NotPassable: ");
        });
        assertThat(verdict.report())
                .contains("unregistered [tls] channel answers", "    - local: fulfilled Unregistered", "    + tls: broken NotPassable");
    }

    @Test
    void aStatedDifferenceIsListedButFailsNothing() {
        Scenario scenario = Scenario.of("unregistered", ECHO_UNREGISTERED)
                .stating(Mode.TLS, "answers", List.of("broken NotPassable: *"), "only nodes need a registry")
                .stating(Mode.DETERMINISTIC, "answers", List.of("never"), "not so");

        Verdict verdict = harness.check(scenario);

        assertThat(verdict.transparent()).isTrue();
        assertThat(verdict.stated()).singleElement().extracting(d -> d.stated().why()).isEqualTo("only nodes need a registry");
        assertThat(verdict.statedButNotSeen()).singleElement().extracting(StatedDifference::mode).isEqualTo(Mode.DETERMINISTIC);
    }

    @Test
    void aResultThatNeverComesIsAHangInEveryMode() {
        Verdict verdict = harness.check(Scenario.of("never", (w, out) -> w.vat("alice").callPromise(() -> Promise.defer().promise())));

        assertThat(verdict.transparent()).isFalse();
        assertThat(verdict.hungIn()).containsExactly(Mode.LOCAL, Mode.TLS, Mode.DETERMINISTIC);
        assertThat(verdict.outcomes().get(Mode.TLS).lines(Outcome.RESULT)).containsExactly("hung: no result within 1000 ms");
        assertThat(verdict.outcomes().get(Mode.DETERMINISTIC).lines(Outcome.RESULT))
                .containsExactly("hung: no result once every turn had run");
        assertThat(verdict.report()).startsWith("never: no result in [local, tls, deterministic]");
    }

    @Test
    void aSetupThatThrowsIsItsResult() {
        Verdict verdict = harness.check(Scenario.of("throws", (w, out) -> {
            throw new IllegalStateException("no setup today");
        }));

        assertThat(verdict.transparent()).isTrue();
        assertThat(verdict.outcomes().get(Mode.TLS).lines(Outcome.RESULT))
                .containsExactly("setup threw java.lang.IllegalStateException: no setup today");
    }

    @Test
    void aStatedLineEndingInAStarMatchesByPrefix() {
        StatedDifference stated = new StatedDifference(Mode.TLS, "c", List.of("broken Unavailable: *", "same"), "why");

        assertThat(stated.matches(List.of("broken Unavailable: link lost", "same"))).isTrue();
        assertThat(stated.matches(List.of("broken Unavailable: link lost", "other"))).isFalse();
        assertThat(stated.matches(List.of("broken Unavailable: link lost"))).isFalse();
    }

    @Test
    void theDiffMarksWhatBothRunsShare() {
        Difference d = new Difference("s", Mode.TLS, "c", List.of("a", "b", "z"), List.of("a", "B1", "B2", "z"), null);

        assertThat(d.render()).isEqualTo("""
                s [tls] channel c
                    = a
                    - local: b
                    + tls: B1
                    + tls: B2
                    = z
                """);
    }

    @Test
    void descriptionsNameTypesAndSortMaps() {
        assertThat(Describe.value(6)).isEqualTo("Integer 6");
        assertThat(Describe.value(6L)).isEqualTo("Long 6");
        assertThat(Describe.value('\u00e9')).isEqualTo("Character '\\u00e9'");
        assertThat(Describe.value("a\"b")).isEqualTo("String \"a\\u0022b\"");
        assertThat(Describe.value(new byte[] {1, -1})).isEqualTo("byte[] [1, -1]");
        assertThat(Describe.value(Map.of("b", 2L, "a", 1))).isEqualTo("Map {String \"a\"=Integer 1, String \"b\"=Long 2}");
        assertThat(Describe.value(new Unregistered("t"))).isEqualTo("Unregistered(text=String \"t\")");
    }
}
