package dev.erg.samples.launch;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.vat.Promise;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * One party of a sample that is not a server: a vat identity of its own, made for one run,
 * on the network through a {@link Node} that dials but never listens. Its blocking methods are
 * for a {@code main} thread, not for vats.
 */
public final class Peer implements AutoCloseable {

    /** How long a sample waits for a connection or an answer before it gives up. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Node node;

    private Peer(Node node) {
        this.node = node;
    }

    /**
     * A peer whose sessions run in {@code runtime}, and which may receive the records and
     * enums {@code passables}.
     */
    public static Peer start(VatRuntime runtime, List<Class<?>> passables) {
        PassableRegistry.Builder registry = PassableRegistry.builder();
        passables.forEach(registry::add);
        try {
            return new Peer(Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(),
                    registry.build()));
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * A live reference to what {@code ref} designates, as {@code iface}.
     *
     * @throws dev.erg.vat.ProblemException saying why it cannot be reached
     */
    public <T> T connect(SturdyRef ref, Class<T> iface) {
        return await(node.connect(ref, iface));
    }

    /**
     * Waits for {@code promise} at most {@link #TIMEOUT}.
     *
     * @throws dev.erg.vat.ProblemException if it breaks
     */
    public static <T> T await(Promise<T> promise) {
        return promise.join(TIMEOUT);
    }

    /** Closes this peer's sessions. */
    @Override
    public void close() {
        node.close();
    }
}
