package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CombinatorsTest {

    private final Sim sim = new Sim(7);
    private final Vat alice = sim.vat("alice");

    @AfterEach
    void close() {
        sim.close();
    }

    private static List<Deferred<String>> deferreds(int n) {
        List<Deferred<String>> ds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ds.add(Promise.defer());
        }
        return ds;
    }

    private static List<Promise<String>> promisesOf(List<Deferred<String>> ds) {
        return ds.stream().map(Deferred::promise).toList();
    }

    private void settleIdle() {
        sim.scheduler.runUntilIdle();
    }

    @Test
    void allFulfilsWithTheValuesInTheirOrderNotTheOrderTheySettled() {
        List<Deferred<String>> ds = deferreds(3);
        Promise<List<String>> all = alice.callPromise(() -> Promise.all(promisesOf(ds)));
        settleIdle();
        ds.get(2).resolver().resolve("c");
        ds.get(0).resolver().resolve("a");
        settleIdle();
        assertThat(all.isSettled()).as("settled before the last input").isFalse();
        ds.get(1).resolver().resolve("b");
        assertThat(sim.settle(all)).containsExactly("a", "b", "c");
    }

    @Test
    void allKeepsTheInputOrderWhateverTheScheduleOfTheVatsThatAnswer() {
        for (long seed = 0; seed < 20; seed++) {
            try (Sim s = new Sim(seed)) {
                Vat caller = s.vat("caller");
                List<Promise<Integer>> answers = IntStream.range(0, 6)
                        .mapToObj(i -> s.vat("v" + i).call(() -> i * 10))
                        .toList();
                Promise<List<Integer>> all = caller.callPromise(() -> Promise.all(answers));
                assertThat(s.settle(all)).as("seed %d", seed).containsExactly(0, 10, 20, 30, 40, 50);
            }
        }
    }

    @Test
    void allBreaksWithTheFirstProblemWithoutWaitingForTheRest() {
        List<Deferred<String>> ds = deferreds(3);
        Promise<List<String>> all = alice.callPromise(() -> Promise.all(promisesOf(ds)));
        settleIdle();
        ds.get(1).resolver().reject(new Problem("First", "one"));
        ds.get(2).resolver().reject(new Problem("Second", "two"));
        settleIdle();
        assertThat(all.problemOrNull()).isEqualTo(new Problem("First", "one"));
        assertThat(ds.get(0).promise().isSettled()).isFalse();
    }

    @Test
    void allOfNoPromisesIsAnEmptyList() {
        assertThat(sim.settle(alice.callPromise(() -> Promise.<String>all(List.of())))).isEmpty();
    }

    @Test
    void allSettlesInALaterTurnOfTheCallingVatEvenForSettledInputs() {
        List<String> seen = new ArrayList<>();
        alice.run(() -> {
            Promise<List<Integer>> all = Promise.all(List.of(Promise.of(1), Promise.of(2)));
            all.when(values -> seen.add("values " + values), p -> seen.add("broken " + p));
            seen.add("settled in this turn: " + all.isSettled());
        });
        settleIdle();
        assertThat(seen).containsExactly("settled in this turn: false", "values [1, 2]");
    }

    @Test
    void allPassesEachValueIntoTheCallingVat() {
        Vat bob = sim.vat("bob");
        Promise<Counter> fromBob = bob.call(Tally::new);
        Promise<List<Integer>> mutable = bob.call(() -> new ArrayList<>(List.of(1, 2)));
        Promise<String> kinds = alice.callPromise(() -> Promise.<Object>all(List.of(fromBob, mutable))
                .then(values -> Ref.kind(values.get(0)) + " " + values.get(1).getClass().getSimpleName()));
        // Bob's counter arrives in alice as an eventual reference; bob's mutable list as a copy.
        assertThat(sim.settle(kinds)).isEqualTo("EVENTUAL " + List.of(1, 2).getClass().getSimpleName());
    }

    @Test
    void aListWithNullIsUsableInTheVatButMayNotCrossOut() {
        Promise<List<Void>> all = alice.callPromise(() -> Promise.all(List.of(Promise.<Void>of(null))));
        Promise<Integer> size = alice.callPromise(() -> all.then(List::size));
        assertThat(sim.settle(size)).isEqualTo(1);
        assertThatThrownBy(() -> all.join(Duration.ZERO))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining(Problem.NOT_PASSABLE)
                .hasMessageContaining("may not hold null");
    }

    @Test
    void anyFulfilsWithTheFirstFulfilmentIgnoringBreaksBeforeIt() {
        List<Deferred<String>> ds = deferreds(3);
        Promise<String> any = alice.callPromise(() -> Promise.any(promisesOf(ds)));
        settleIdle();
        ds.get(0).resolver().reject(new Problem("Gone", "a"));
        settleIdle();
        assertThat(any.isSettled()).as("settled by a break").isFalse();
        ds.get(2).resolver().resolve("c");
        settleIdle();
        ds.get(1).resolver().resolve("b");
        assertThat(sim.settle(any)).isEqualTo("c");
    }

    @Test
    void anyBreaksOnlyWhenAllBreakAndNamesEachProblemByPosition() {
        List<Deferred<String>> ds = deferreds(3);
        Promise<String> any = alice.callPromise(() -> Promise.any(promisesOf(ds)));
        settleIdle();
        ds.get(2).resolver().reject(new Problem("C", "third"));
        ds.get(0).resolver().reject(new Problem("A", "first"));
        settleIdle();
        assertThat(any.isSettled()).isFalse();
        ds.get(1).resolver().reject(new Problem("B", ""));
        settleIdle();
        assertThat(any.problemOrNull()).isEqualTo(new Problem(Problem.ALL_BROKEN,
                "all 3 promises broke: [0] A: first; [1] B; [2] C: third"));
    }

    @Test
    void anyNamesTheFirstEightProblemsAndCountsTheRest() {
        List<Promise<String>> broken = IntStream.range(0, 11)
                .mapToObj(i -> Promise.<String>broken(new Problem("P" + i, "")))
                .toList();
        Promise<String> any = alice.callPromise(() -> Promise.any(broken));
        settleIdle();
        Problem problem = any.problemOrNull();
        assertThat(problem.kind()).isEqualTo(Problem.ALL_BROKEN);
        assertThat(problem.message())
                .startsWith("all 11 promises broke: [0] P0; [1] P1;")
                .contains("[7] P7")
                .doesNotContain("P8")
                .endsWith("; and 3 more");
    }

    @Test
    void anyOfNoPromisesIsBroken() {
        Promise<String> any = alice.callPromise(() -> Promise.<String>any(List.of()));
        settleIdle();
        assertThat(any.problemOrNull()).isEqualTo(new Problem(Problem.ALL_BROKEN, "any() was given no promises"));
    }

    @Test
    void raceSettlesAsTheFirstToSettleEitherWay() {
        List<Deferred<String>> ds = deferreds(2);
        Promise<String> race = alice.callPromise(() -> Promise.race(promisesOf(ds)));
        settleIdle();
        ds.get(1).resolver().reject(new Problem("Lost", "second input"));
        ds.get(0).resolver().resolve("too late");
        settleIdle();
        assertThat(race.problemOrNull()).isEqualTo(new Problem("Lost", "second input"));

        List<Deferred<String>> others = deferreds(2);
        Promise<String> won = alice.callPromise(() -> Promise.race(promisesOf(others)));
        settleIdle();
        others.get(1).resolver().resolve("quick");
        others.get(0).resolver().reject(new Problem("Slow", ""));
        assertThat(sim.settle(won)).isEqualTo("quick");
    }

    @Test
    void raceOfNoPromisesIsRefused() {
        Promise<String> race = alice.callPromise(() -> Promise.<String>race(List.of()));
        settleIdle();
        assertThat(race.problemOrNull().message())
                .isEqualTo("IllegalArgumentException: race() of no promises would never settle");
    }

    @Test
    void combinatorsOutsideAVatAreRefusedAndNamedInTheMessage() {
        List<Promise<Integer>> one = List.of(Promise.of(1));
        assertThatThrownBy(() -> Promise.all(one))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("all() must be called in a turn of a vat");
        assertThatThrownBy(() -> Promise.any(one))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("any() must be called");
        assertThatThrownBy(() -> Promise.race(one))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("race() must be called");
    }

    @Test
    void aNullInputIsNamedByPosition() {
        List<Promise<Integer>> withNull = Arrays.asList(Promise.of(1), null);
        assertThatThrownBy(() -> Promise.all(withNull))
                .isInstanceOf(NullPointerException.class).hasMessage("promises[1] is null");
    }
}
