package dev.erg.server.host;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.net.Node;
import dev.erg.server.spi.Network;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

/** The {@link Network} of the services of one server: its node, and the hints it advertises. */
final class NodeNetwork implements Network {

    private final Node node;
    private final List<InetSocketAddress> hints;
    private final SecureRandom random = new SecureRandom();

    NodeNetwork(Node node, List<InetSocketAddress> hints) {
        this.node = node;
        this.hints = List.copyOf(hints);
    }

    @Override
    public <T> Promise<T> connect(SturdyRef ref, Class<T> iface) {
        return node.connect(Objects.requireNonNull(ref, "ref"), Objects.requireNonNull(iface, "iface"));
    }

    @Override
    public SturdyRef sturdyRef(Object ref) {
        if (Ref.kind(ref) != RefKind.EVENTUAL) {
            throw new IllegalArgumentException("not an eventual reference (expected: context.vat().export(object, "
                    + "Interface.class)): " + ref);
        }
        // Made here rather than by Node.sturdyRef so that it names the advertised addresses.
        SturdyRef sturdy = new SturdyRef(node.vatId(), hints, SwissNumber.random(random));
        node.reinstate(sturdy, ref);
        return sturdy;
    }

    @Override
    public boolean revoke(SturdyRef ref) {
        return node.revoke(Objects.requireNonNull(ref, "ref"));
    }
}
