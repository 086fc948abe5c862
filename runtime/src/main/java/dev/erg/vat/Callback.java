package dev.erg.vat;

import java.util.function.Consumer;

/** A turn that runs one {@link Promise#when} reaction in the vat that registered it. */
final class Callback extends Turn {

    private final Promise<?> promise;
    private final Consumer<Object> onFulfilled;
    private final Consumer<? super Problem> onBroken;

    Callback(Promise<?> promise, Consumer<Object> onFulfilled, Consumer<? super Problem> onBroken) {
        this.promise = promise;
        this.onFulfilled = onFulfilled;
        this.onBroken = onBroken;
    }

    @Override
    void run(Vat vat) {
        try {
            Object value;
            try {
                value = promise.valueFor(vat);
            } catch (ProblemException e) {
                onBroken.accept(e.problem());
                return;
            }
            onFulfilled.accept(value);
        } catch (RuntimeException | Error e) {
            vat.report("a promise callback", e);
        }
    }

    @Override
    void cancel(Problem why) {
        // The vat that would have run the callback is gone; nobody is left to tell.
    }
}
