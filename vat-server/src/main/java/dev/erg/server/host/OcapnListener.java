package dev.erg.server.host;

import dev.erg.net.OcapnNode;
import dev.erg.server.config.OcapnConfig;
import dev.erg.server.config.SetupException;
import dev.erg.server.interop.InteropObjects;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import java.net.InetSocketAddress;

/**
 * The OCapN listener of a vat-server ({@code ocapn.*}): an {@link OcapnNode} on its own port,
 * hosting the public OCapN test suite's objects when {@code ocapn.interop = on}.
 */
final class OcapnListener implements AutoCloseable {

    private final OcapnNode node;
    private final String locator;

    private OcapnListener(OcapnNode node, String locator) {
        this.node = node;
        this.locator = locator;
    }

    /**
     * Starts listening as {@code config} says, in vats of {@code runtime}, passing the records
     * and enums of {@code registry} as OCapN tagged values.
     *
     * @throws SetupException if the address cannot be listened on
     */
    static OcapnListener start(OcapnConfig config, VatRuntime runtime, PassableRegistry registry)
            throws SetupException {
        OcapnNode node = OcapnNode.start(runtime, WireLimits.defaults(), registry);
        InetSocketAddress address = new InetSocketAddress(config.listen().getHostString(), config.listen().getPort());
        String locator;
        try {
            locator = node.listen(address);
        } catch (InterruptedException e) {
            node.close();
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted while opening the OCapN listener on " + address, e);
        } catch (Exception e) {
            // Netty reports a failed bind as a checked exception it does not declare.
            node.close();
            throw new SetupException("ocapn.listen: cannot listen on " + config.listen().getHostString() + ":"
                    + config.listen().getPort() + ": " + e.getMessage(), e);
        }
        if (config.interop()) {
            InteropObjects.host(node, runtime.newVat("ocapn-interop"));
        }
        return new OcapnListener(node, locator);
    }

    /** The node's {@code ocapn://} locator, naming the address bound. */
    String locator() {
        return locator;
    }

    @Override
    public void close() {
        node.close();
    }
}
