package dev.erg.server.config;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Map;

/** The commented configuration file a new data directory starts with. */
final class ConfigTemplate {

    private ConfigTemplate() {
    }

    /** The default configuration listening on {@code listen} and hosting {@code services}, listing {@code makers}. */
    static String text(InetSocketAddress listen, Map<String, String> services, Collection<String> makers) {
        StringBuilder text = new StringBuilder("""
                # Erg vat-server configuration. One `key = value` per line; `#` starts a comment.
                # Read at each start.

                # Where peers reach this server over CapTP (mutual TLS 1.3), as host:port.
                # Port 0 picks a free port at each start.
                listen = %s

                # The host:port peers should dial, written into sturdy refs, when it is not the
                # address listened on (a public name, a NAT, a wildcard listen address).
                # Several may be given, comma-separated.
                # advertise = vats.example.org:7700

                # Threads shared by all vats; default: one per processor.
                # threads = 4

                # Prometheus metrics over HTTP at http://127.0.0.1:<port>/metrics; default: off.
                # metrics.port = 9700

                # The inspector, a live page of vats, sessions, queues and outboxes, at a
                # capability URL on http://127.0.0.1:<port>/ that `vat-server inspector-url`
                # prints; 0 picks a free port; default: off.
                # inspector.port = 9701

                # Where durable objects keep their state: "sqlite" for durable.db in this
                # directory (the default), or a PostgreSQL database shared by several hosts,
                # each vat in a schema of its own:
                # storage = jdbc:postgresql://db.example.org:5432/erg
                # storage.user = erg
                # storage.password = secret
                # (or storage.password.file = a file holding it, such as a mounted secret)
                # At most this many turns are committed together (group commit); 1 commits
                # each turn alone.
                # commit.batch = 256

                # What a vat spawned by a vat maker may use, unless its spawn asks for less:
                # computrons (a count of a confined vat's work) per turn and in all, eventual
                # sends per turn, messages waiting for it, bytes it may store, and for a vat in
                # a worker process the worker's heap and CPU time. `.max` is the most a spawn
                # may ask for; by default, the value itself.
                # spawn.computrons.turn = 100000000
                # spawn.computrons.vat = 10000000000
                # spawn.messages.turn = 10000
                # spawn.messages.pending = 10000
                # spawn.storage.bytes = 1048576
                # spawn.worker.heap.mb = 256
                # spawn.worker.cpu.seconds = 600
                # spawn.worker.cpu.seconds.max = 3600

                # To take part in a cluster of vat-servers: the PostgreSQL database holding the
                # cluster's membership and directory (the same database as storage, if that is
                # PostgreSQL), its user and password (or a file holding it), and the file holding
                # the cluster key, 32 random bytes in base64 that every member is given (else the
                # environment variable ERG_CLUSTER_KEY). Without cluster.store the server is alone.
                # cluster.store = jdbc:postgresql://db.example.org:5432/erg
                # cluster.user = erg
                # cluster.password.file = /run/secrets/postgres-password
                # cluster.key.file = /run/secrets/cluster-key
                # How often the lease is renewed, and how long it lasts.
                # cluster.heartbeat = 2s
                # cluster.lease = 10s
                # The price of a turn on this server when idle, and the turns per second it is
                # taken to manage: the price it posts is cluster.price / (1 - utilisation).
                # cluster.price = 1.0
                # cluster.capacity = 1000
                # How a vat spawned with `vat-server cluster spawn` finds its server: power-of-two
                # (the less loaded of two members drawn at random), round-robin, random or agoric
                # (the member where its turns cost least); per service with
                # cluster.placement.SERVICE. With cluster.rebalance = hot-spot, vats move off
                # members whose load is well above the mean; with agoric, each vat is funded
                # with cluster.budget credits per turn it runs (per service with
                # cluster.budget.SERVICE) and pays its server's posted price, and moves where
                # its turns cost enough less, bidding for admission there.
                # cluster.placement = power-of-two
                # cluster.rebalance = off
                # cluster.budget = 4.0

                # What peers not yet trusted may hold: connections open at once (in all, and from
                # one IP address), bytes of frames announced but not yet complete, and lookups of
                # unknown swiss numbers per second from one address (beyond it, lookups from
                # that address answer Throttled for a while). Refusals go to the audit log.
                # peers.connections = 16384
                # peers.connections.per-address = 1024
                # peers.partial-frames.bytes = 268435456
                # peers.failed-lookups.per-second = 20

                # An OCapN listener beside the CapTP one, for peers that speak OCapN's CapTP
                # (Goblins, Endo) rather than erg/1: where it listens (port 0: a free port at
                # each start), and its netlayer, only tcp-testing-only for now, which neither
                # authenticates nor encrypts: keep it on loopback or a test network. With
                # ocapn.interop = on it hosts the objects the public OCapN test suite calls,
                # under the swiss numbers the suite uses; default: off. The server prints its
                # OCapN locator at start (ocapn: ocapn://...).
                # ocapn.listen = 127.0.0.1:22045
                # ocapn.netlayer = tcp-testing-only
                # ocapn.interop = off

                # The services to host, each in a vat of its own: service.<name> = <maker>.
                # Makers known to this build: %s.
                """.formatted(HostPort.format(listen), String.join(", ", makers)));
        services.forEach((name, maker) -> text.append("service.").append(name).append(" = ").append(maker).append('\n'));
        return text.toString();
    }
}
