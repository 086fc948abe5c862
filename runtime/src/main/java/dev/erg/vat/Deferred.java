package dev.erg.vat;

/**
 * A new promise together with its resolver: two separate permissions, usually given to
 * different parties.
 *
 * @param promise  the promise, for whoever waits
 * @param resolver the resolver, for whoever decides
 * @param <T>      the type of the promised value
 */
public record Deferred<T>(Promise<T> promise, Resolver<T> resolver) {
}
