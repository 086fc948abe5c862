package dev.erg.net;

import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.link.VatPort;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One TLS listener shared by several vats of one server, each a {@link Node} of its own
 * (ADR 6). A dialer names the vat it wants by TLS server name and is shown that vat's key;
 * a dialer that names none reaches the <em>host</em> vat. A dialer that names a vat not here
 * is redirected to where the {@link VatLocator} says it lives, or told the server does not
 * host it. The listener's I/O threads carry the connections of all its nodes.
 *
 * {@snippet :
 * Listener listener = Listener.bind(new InetSocketAddress(7000), hostIdentity, NetConfig.defaults(), directory::hints);
 * Node host = Node.start(hostIdentity, runtime, registry, listener);
 * Node placed = Node.start(placedIdentity, runtime, registry, listener);  // same port, its own key
 * listener.detach(placed);                                                // moved away: new dialers are redirected
 * }
 *
 * <p>Nodes started on a listener are attached to it at once; they can be detached, so that a
 * dialer is no longer handed to them while their sessions go on, and attached again.
 * Closing a node detaches it. Thread-safe.
 */
public final class Listener implements AutoCloseable {

    private final VatPort port;
    private final NetConfig config;

    private Listener(VatPort port, NetConfig config) {
        this.port = port;
        this.config = config;
    }

    /**
     * A listener bound to {@code address} whose host vat is {@code host}: its key answers
     * dialers that name no vat and carries redirects.
     *
     * @param config  the TLS provider, limits, timeouts and I/O threads of every node on it
     * @param locator where vats that are not here live
     * @throws InterruptedException  if interrupted while binding
     * @throws IllegalStateException if the TLS provider cannot make a server context
     */
    public static Listener bind(InetSocketAddress address, VatIdentity host, NetConfig config, VatLocator locator)
            throws InterruptedException {
        Objects.requireNonNull(locator, "locator");
        return new Listener(VatPort.bind(address, host, config, locator::locate), config);
    }

    /** The bound address, the location hint of every vat here. */
    public InetSocketAddress address() {
        return port.address();
    }

    /** The vat a dialer reaches when it names none. */
    public VatId hostVatId() {
        return port.host();
    }

    /** The configuration of every node on this listener. */
    public NetConfig config() {
        return config;
    }

    /** Whether a dialer naming {@code vat} reaches a node here now. */
    public boolean hosts(VatId vat) {
        return port.hosts(Objects.requireNonNull(vat, "vat"));
    }

    /**
     * Hands dialers naming {@code node}'s vat to it again after {@link #detach}.
     *
     * @throws IllegalArgumentException if {@code node} was started on another listener, or
     *                                  another node of the same vat is attached
     */
    public void attach(Node node) {
        if (node.listener() != this) {
            throw new IllegalArgumentException("node " + node.vatId() + " was not started on this listener");
        }
        node.acceptOn(port);
    }

    /**
     * Stops handing dialers to {@code node}: from now on a dialer naming its vat is
     * redirected, or told the server does not host it. Its sessions go on. Returns whether it
     * was attached.
     */
    public boolean detach(Node node) {
        return node.listener() == this && node.leave(port);
    }

    /**
     * Stops listening and the I/O threads, which ends the connections of every node on this
     * listener; close the nodes first to end their sessions in order.
     */
    @Override
    public void close() {
        port.close();
    }

    VatPort port() {
        return port;
    }
}
