package dev.erg.vat;

import java.util.Objects;

/** The resolver of one promise; resolution is recorded as made in the calling vat. */
final class PromiseResolver<T> implements Resolver<T> {

    private final Promise<T> promise;

    PromiseResolver(Promise<T> promise) {
        this.promise = promise;
    }

    @Override
    public void resolve(T value) {
        claim();
        promise.resolveInternal(value, Vat.current());
    }

    @Override
    public void forward(Promise<? extends T> other) {
        Objects.requireNonNull(other, "other");
        claim();
        Settlement.forward(promise, other);
    }

    @Override
    public void reject(Problem problem) {
        Objects.requireNonNull(problem, "problem");
        claim();
        promise.rejectInternal(problem);
    }

    private void claim() {
        if (!promise.claim()) {
            throw new IllegalStateException("promise already resolved: " + promise);
        }
    }

    @Override
    public String toString() {
        return "Resolver[" + promise + "]";
    }
}
