package dev.erg.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.Problem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ledger notices each kind of violation it is meant to, and nothing in a correct history. */
class LedgerTest {

    private static final long SERVICES = 2;
    private static final long ALICE = 10;
    private static final long BOB = 11;
    private static final long CAROL = 12;

    private final Ledger ledger = new Ledger((int) SERVICES);

    private Slot slot(long id, long designates) {
        return new Slot(id, designates, null);
    }

    @Test
    void aCorrectHistoryHasNoViolation() {
        ledger.grant(ALICE, BOB);
        Slot toBob = slot(1, BOB);
        ledger.sent(100, ALICE, toBob, Ledger.Kind.CALL);
        ledger.sent(101, ALICE, toBob, Ledger.Kind.CALL);
        ledger.arrived(BOB, 100);
        ledger.arrived(BOB, 101);
        ledger.fulfilled(100, 100);
        ledger.broken(101, Problem.of(Problem.UNAVAILABLE, "lost"));
        ledger.checkSettled(actor -> true);
        assertThat(ledger.violations()).isEmpty();
        assertThat(ledger.checks()).isPositive();
    }

    @Test
    void aMessageOvertakingAnEarlierOneThroughTheSameReferenceBreaksEOrder() {
        ledger.grant(ALICE, BOB);
        Slot toBob = slot(1, BOB);
        ledger.sent(100, ALICE, toBob, Ledger.Kind.CALL);
        ledger.sent(101, ALICE, toBob, Ledger.Kind.CALL);
        ledger.arrived(BOB, 101);
        assertThat(ledger.violations()).singleElement().asString().startsWith("e-order:");
    }

    @Test
    void aDuplicateDeliveryOrADoubleOrWrongAnswerBreaksOnce() {
        ledger.grant(ALICE, BOB);
        Slot toBob = slot(1, BOB);
        ledger.sent(100, ALICE, toBob, Ledger.Kind.CALL);
        ledger.sent(101, ALICE, toBob, Ledger.Kind.CALL);
        ledger.arrived(BOB, 100);
        ledger.fulfilled(100, 101);
        ledger.fulfilled(101, 101);
        ledger.fulfilled(101, 101);
        assertThat(ledger.violations()).hasSize(3).allMatch(v -> v.startsWith("once:"));
    }

    @Test
    void aSendLeftUnsettledAtRestOrBrokenForNoGoodReasonBreaksOnce() {
        ledger.grant(ALICE, BOB);
        Slot toBob = slot(1, BOB);
        ledger.sent(100, ALICE, toBob, Ledger.Kind.CALL);
        ledger.sent(101, ALICE, toBob, Ledger.Kind.CALL);
        ledger.broken(100, Problem.of(Problem.NOT_CALLABLE, "no such method"));
        ledger.checkSettled(actor -> true);
        assertThat(ledger.violations()).hasSize(2).allMatch(v -> v.startsWith("once:"));
    }

    @Test
    void aMessageAtTheWrongActorOrAnUngrantedOneBreaksReach() {
        ledger.sent(100, ALICE, slot(1, BOB), Ledger.Kind.CALL);
        ledger.arrived(CAROL, 100);
        assertThat(ledger.violations()).hasSize(2).allMatch(v -> v.startsWith("reach:"));
    }

    @Test
    void aResolvedPromiseGrantsItsValueToWhoeverHoldsIt() {
        long promise = -1;
        ledger.grant(ALICE, promise);
        ledger.grant(BOB, CAROL);
        ledger.resolved(promise, CAROL);
        ledger.sent(100, ALICE, slot(1, promise), Ledger.Kind.CALL);
        ledger.arrived(CAROL, 100);
        ledger.checkHoldings(ALICE, List.of(slot(1, promise), slot(2, CAROL), slot(3, 0)));
        assertThat(ledger.violations()).isEmpty();
        ledger.checkHoldings(BOB, List.of(slot(4, ALICE)));
        assertThat(ledger.violations()).singleElement().asString().startsWith("reach:");
    }

    @Test
    void aProbeLeftUnansweredBreaksSturdy() {
        ledger.sent(100, ALICE, slot(1, 0), Ledger.Kind.CALL);
        ledger.broken(100, Problem.of(Problem.UNAVAILABLE, "lost"));
        ledger.checkProbes(Set.of(100L));
        assertThat(ledger.violations()).singleElement().asString().startsWith("sturdy:");
    }

    @Test
    void theTraceHashFollowsWhatHappened() {
        Ledger other = new Ledger((int) SERVICES);
        ledger.note("a");
        other.note("a");
        assertThat(ledger.traceHash()).isEqualTo(other.traceHash());
        other.note("b");
        assertThat(ledger.traceHash()).isNotEqualTo(other.traceHash());
    }
}
