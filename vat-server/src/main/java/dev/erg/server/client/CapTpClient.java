package dev.erg.server.client;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.vat.JoinTimeoutException;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * A short-lived CapTP client for command-line tools: a vat, with an identity of its own or an
 * ephemeral one made for one run and forgotten after, that connects to sturdy refs and waits
 * for answers. It never listens. Its methods block, so they are for threads that are not vats.
 */
public final class CapTpClient implements AutoCloseable {

    /** Kind of the problem when no answer came in time. */
    public static final String TIMEOUT = "Timeout";

    private final VatRuntime runtime;
    private final Node node;
    private final Duration timeout;

    private CapTpClient(VatRuntime runtime, Node node, Duration timeout) {
        this.runtime = runtime;
        this.node = node;
        this.timeout = timeout;
    }

    /**
     * A client that may receive the records and enums of {@code registry} and waits at most
     * {@code timeout} for each connection and answer.
     *
     * @throws SSLException if TLS cannot be set up
     */
    public static CapTpClient start(PassableRegistry registry, Duration timeout) throws SSLException {
        return start(VatIdentity.generate(new SecureRandom()), registry, timeout);
    }

    /**
     * A client like {@link #start(PassableRegistry, Duration)} that connects as {@code identity}.
     *
     * @throws SSLException if TLS cannot be set up
     */
    public static CapTpClient start(VatIdentity identity, PassableRegistry registry, Duration timeout) throws SSLException {
        VatRuntime runtime = VatRuntime.builder().threads(1).build();
        try {
            Node node = Node.start(identity, runtime, NetConfig.defaults(), registry);
            return new CapTpClient(runtime, node, Objects.requireNonNull(timeout, "timeout"));
        } catch (SSLException | RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /**
     * A live reference to what {@code ref} designates, as {@code iface}; {@code Object.class}
     * takes it untyped, to send to by name with {@link #call}.
     *
     * @throws ProblemException saying why it cannot be reached
     */
    public <T> T connect(SturdyRef ref, Class<T> iface) {
        return await(node.connect(ref, iface));
    }

    /**
     * Sends {@code method(args)} to {@code target} and waits for the answer.
     *
     * @throws ProblemException with the problem the answer broke with
     */
    public Object call(Object target, String method, List<Object> args) {
        return await(Ref.send(target, method, args.toArray()));
    }

    /**
     * Waits for {@code promise}.
     *
     * @throws ProblemException with its problem, or one of kind {@value #TIMEOUT}
     */
    public <T> T await(Promise<T> promise) {
        try {
            return promise.join(timeout);
        } catch (JoinTimeoutException e) {
            throw new ProblemException(Problem.of(TIMEOUT, "no answer within %d s", timeout.toSeconds()));
        }
    }

    /** Closes the connections and stops the client's vat. */
    @Override
    public void close() {
        node.close();
        runtime.close();
    }
}
