package dev.erg.vat;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * How {@link Promise#all}, {@link Promise#any} and {@link Promise#race} combine promises.
 * Each registers a {@code when} on every input in the calling vat and keeps its tally in
 * plain fields: the callbacks all run in turns of that one vat, never concurrently, so the
 * tally needs no lock, and the result settles in one of those turns.
 */
final class Combinators {

    /** Most problems the {@value Problem#ALL_BROKEN} message of {@code any} names; the rest are counted. */
    static final int NAMED_PROBLEMS = 8;

    private Combinators() {
    }

    static <T> Promise<List<T>> all(List<? extends Promise<? extends T>> promises) {
        Promise<?>[] inputs = inputs(promises);
        Vat vat = Promise.currentVat("all");
        Promise<List<T>> result = new Promise<>();
        if (inputs.length == 0) {
            result.resolveInternal(List.of(), vat);
            return result;
        }
        Object[] values = new Object[inputs.length];
        Count pending = new Count(inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            int index = i;
            inputs[i].when(value -> {
                values[index] = value;
                if (pending.down()) {
                    // May hold null (a Promise<Void>): fine within this vat; crossing refuses it.
                    result.resolveInternal(Collections.unmodifiableList(Arrays.asList(values)), vat);
                }
            }, result::rejectInternal);
        }
        return result;
    }

    static <T> Promise<T> any(List<? extends Promise<? extends T>> promises) {
        Promise<?>[] inputs = inputs(promises);
        Vat vat = Promise.currentVat("any");
        Promise<T> result = new Promise<>();
        if (inputs.length == 0) {
            result.rejectInternal(Problem.of(Problem.ALL_BROKEN, "any() was given no promises"));
            return result;
        }
        Problem[] problems = new Problem[inputs.length];
        Count pending = new Count(inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            int index = i;
            inputs[i].when(value -> result.resolveInternal(value, vat), problem -> {
                problems[index] = problem;
                if (pending.down()) {
                    result.rejectInternal(allBroken(problems));
                }
            });
        }
        return result;
    }

    static <T> Promise<T> race(List<? extends Promise<? extends T>> promises) {
        Promise<?>[] inputs = inputs(promises);
        if (inputs.length == 0) {
            throw new IllegalArgumentException("race() of no promises would never settle");
        }
        Vat vat = Promise.currentVat("race");
        Promise<T> result = new Promise<>();
        for (Promise<?> input : inputs) {
            input.when(value -> result.resolveInternal(value, vat), result::rejectInternal);
        }
        return result;
    }

    /** The problem of {@code any} when every input broke: how many, and the first few, by position. */
    static Problem allBroken(Problem[] problems) {
        StringBuilder message = new StringBuilder()
                .append("all ").append(problems.length).append(problems.length == 1 ? " promise" : " promises")
                .append(" broke: ");
        int named = Math.min(problems.length, NAMED_PROBLEMS);
        for (int i = 0; i < named; i++) {
            message.append(i == 0 ? "" : "; ").append('[').append(i).append("] ").append(problems[i]);
        }
        if (problems.length > named) {
            message.append("; and ").append(problems.length - named).append(" more");
        }
        return new Problem(Problem.ALL_BROKEN, message.toString());
    }

    private static Promise<?>[] inputs(List<? extends Promise<?>> promises) {
        Objects.requireNonNull(promises, "promises");
        Promise<?>[] inputs = promises.toArray(new Promise<?>[0]);
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new NullPointerException("promises[" + i + "] is null");
            }
        }
        return inputs;
    }

    /** Inputs still to be heard from; touched only in turns of one vat. */
    private static final class Count {
        private int left;

        Count(int left) {
            this.left = left;
        }

        /** Counts one more input heard from; true when it was the last. */
        boolean down() {
            return --left == 0;
        }
    }
}
