package dev.erg.vat;

/**
 * The permission to decide a {@link Promise}. Holding the promise lets you wait for it;
 * holding its resolver lets you settle it. A resolver is thread-safe and may be handed to
 * other vats, in which case it travels as a capability.
 *
 * <p>A promise is resolved at most once: the first call to any method of its resolver
 * decides it, and every later call throws {@link IllegalStateException}.
 *
 * @param <T> the type of the promised value
 */
public interface Resolver<T> {

    /**
     * Fulfils the promise with {@code value}. A value that is itself a promise, or a pipelined
     * proxy of one, forwards the promise to it as {@link #forward} does.
     *
     * @throws IllegalStateException if the promise was already resolved
     */
    void resolve(T value);

    /**
     * Makes the promise follow {@code other}: it settles as {@code other} settles, and
     * messages queued in it are delivered, in order, to whatever {@code other} resolves to.
     * Forwarding a promise to itself, directly or through others, breaks it with a
     * {@value Problem#CYCLE} problem.
     *
     * @throws IllegalStateException if the promise was already resolved
     */
    void forward(Promise<? extends T> other);

    /**
     * Breaks the promise with {@code problem}; messages queued in it break with the same
     * problem.
     *
     * @throws IllegalStateException if the promise was already resolved
     */
    void reject(Problem problem);
}
