package dev.erg.net;

import dev.erg.captp.session.Bootstrap;
import dev.erg.captp.session.SturdyTable;
import dev.erg.crypto.VatId;
import dev.erg.net.link.Audit;
import dev.erg.vat.PeerFault;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.spi.Refs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * The bootstrap object one session's peer sees: the node's sturdy refs, looked up within the
 * peer address's {@link FetchThrottle}. A lookup that names nothing is counted, audited and
 * charged to the address; an address out of tokens is answered {@value #THROTTLED_KIND} unread.
 */
final class GuardedBootstrap implements Bootstrap {

    static final String THROTTLED_KIND = "Throttled";

    private static final Problem THROTTLED = new Problem(THROTTLED_KIND,
            "too many lookups of unknown swiss numbers from this address; try again later");

    private final SturdyTable sturdy;
    private final FetchThrottle throttle;
    private final SocketAddress from;
    private final InetAddress address;
    private final VatId peer;

    GuardedBootstrap(SturdyTable sturdy, FetchThrottle throttle, SocketAddress from, VatId peer) {
        this.sturdy = sturdy;
        this.throttle = throttle;
        this.from = from;
        this.address = from instanceof InetSocketAddress inet ? inet.getAddress() : null;
        this.peer = peer;
    }

    @Override
    public Promise<Object> fetch(byte[] swiss) {
        if (address != null && !throttle.allows(address)) {
            Refs.countFault(PeerFault.THROTTLED);
            Audit.refused("sturdy-ref lookup (throttled)", from, peer, THROTTLED.message());
            return Promise.broken(THROTTLED);
        }
        Optional<Object> found = sturdy.find(swiss);
        if (found.isPresent()) {
            return Promise.of(found.get());
        }
        Refs.countFault(PeerFault.UNKNOWN_SWISS);
        Audit.refused("sturdy-ref lookup (unknown swiss number)", from, peer, "no object under the number named");
        if (address != null) {
            throttle.failed(address);
        }
        return Promise.broken(SturdyTable.NOT_FOUND);
    }

    @Override
    public void ping() {
        sturdy.ping();
    }
}
