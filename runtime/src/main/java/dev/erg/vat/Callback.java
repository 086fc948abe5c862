package dev.erg.vat;

import dev.erg.trace.TraceContext;
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
    String label() {
        return "when";
    }

    /** The trace context of the settled promise this reacts to, if it is an answer traced. */
    TraceContext promiseTrace() {
        return promise.trace();
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
