package dev.erg.vat;


/** The handler behind {@link Promise#as}: a pipelined proxy that sends through a promise. */
final class PromiseRef extends EventualHandler {

    private final Promise<?> promise;
    private final Class<?> iface;

    private PromiseRef(Promise<?> promise, Class<?> iface) {
        this.promise = promise;
        this.iface = iface;
    }

    static Object proxy(Promise<?> promise, Class<?> iface) {
        return Proxies.of(iface, new PromiseRef(promise, iface));
    }

    Promise<?> promise() {
        return promise;
    }

    @Override
    Vat destination() {
        // Not known until the promise resolves: arguments are passed as if to a stranger.
        return null;
    }

    @Override
    void send(RemoteMethod method, Object[] args, Promise<Object> answer, Vat sender) {
        promise.send(method, args, answer, sender);
    }

    @Override
    boolean sameAs(Object proxy, Object other) {
        return proxy == other;
    }

    @Override
    int hash(Object proxy) {
        return System.identityHashCode(proxy);
    }

    @Override
    public String toString() {
        return promise + " as " + iface.getSimpleName();
    }
}
