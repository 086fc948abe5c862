package dev.erg.transparency;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.vat.Deferred;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.trace.TraceGraph;
import dev.erg.trace.Tracer;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Each vat of a scenario behind its own {@link Node}, over TLS on loopback. Nodes are made
 * once per vat name and kept for every scenario, so their sessions are reused (a node that a
 * scenario cuts is made again, with the same identity, when next needed); each scenario gets
 * fresh vats, which are shut down and whose sturdy refs are revoked when it ends.
 */
final class TlsStage implements Stage {

    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    private final Tracer tracer = Tracer.builder().build();
    private final VatRuntime runtime = VatRuntime.builder().tracer(tracer).build();
    private final PassableRegistry registry;
    private final Duration wait;
    private final Map<String, Node> nodes = new HashMap<>();

    TlsStage(PassableRegistry registry, Duration wait) {
        this.registry = registry;
        this.wait = wait;
    }

    @Override
    public Mode mode() {
        return Mode.TLS;
    }

    @Override
    public Outcome run(Scenario scenario) {
        Outcome outcome = new Outcome();
        Networked world = new Networked();
        try {
            Stage.finish(Stage.start(scenario, world, outcome), outcome, wait);
        } finally {
            world.end();
        }
        return outcome;
    }

    private synchronized Node node(String vatName) {
        return nodes.computeIfAbsent(vatName, name -> {
            try {
                Node node = Node.start(identity(name), runtime, NetConfig.defaults(), registry);
                node.listen(LOOPBACK_ANY_PORT);
                return node;
            } catch (SSLException e) {
                throw new IllegalStateException("cannot start the node of " + name, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the node of " + name, e);
            }
        });
    }

    /** The same identity for the same vat name in every run, so failures replay. */
    private static VatIdentity identity(String name) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return VatIdentity.generate(random);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public synchronized void close() {
        nodes.values().forEach(Node::close);
        nodes.clear();
        runtime.close();
    }

    /** A world in which sharing goes through a sturdy ref from one node to the other. */
    private final class Networked implements World {
        private final Map<String, Vat> vats = new HashMap<>();
        private final List<SturdyRef> issued = new ArrayList<>();

        @Override
        public synchronized Vat vat(String name) {
            node(name);
            return vats.computeIfAbsent(name, runtime::newVat);
        }

        @Override
        public <T> T share(String from, T object, Class<T> iface, String to) {
            T exported = vat(from).export(object, iface);
            vat(to);
            if (from.equals(to)) {
                return exported;
            }
            SturdyRef ref = node(from).sturdyRef(exported, null);
            synchronized (this) {
                issued.add(ref);
            }
            return node(to).connect(SturdyRef.parse(ref.toString()), iface).join(Harness.WAIT);
        }

        @Override
        public TraceGraph trace() {
            return tracer.graph();
        }

        @Override
        public Promise<Void> cut(String name) {
            Node node;
            synchronized (TlsStage.this) {
                node = nodes.remove(name);
            }
            Deferred<Void> closed = Promise.defer();
            // Closing waits for the network; never do it in a vat's turn.
            Thread.ofVirtual().name("cut " + name).start(() -> {
                if (node != null) {
                    node.close();
                }
                closed.resolver().resolve(null);
            });
            return closed.promise();
        }

        synchronized void end() {
            synchronized (TlsStage.this) {
                issued.forEach(ref -> nodes.values().forEach(node -> node.revoke(ref)));
            }
            vats.values().forEach(Vat::shutdown);
        }
    }
}
