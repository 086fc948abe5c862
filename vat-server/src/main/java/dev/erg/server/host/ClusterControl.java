package dev.erg.server.host;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatId;
import dev.erg.server.cluster.ClusterMember;
import dev.erg.server.cluster.Member;
import dev.erg.server.cluster.Placement;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the administration of a cluster member does to the cluster: spawn a vat running one of
 * the configured services on a server named or chosen by placement. Each call talks to the
 * cluster's database on the caller's thread.
 */
final class ClusterControl {

    private static final long POLL_MILLIS = 50;
    /** How many of the cluster's heartbeats a placed vat's server has to report it running. */
    static final int HEARTBEATS_TO_RUN = 10;

    private final ClusterMember member;
    private final ServerChoice choice;
    private final Set<String> services;
    private final Duration heartbeat;
    private final SecureRandom random = new SecureRandom();

    ClusterControl(ClusterMember member, ServerChoice choice, Set<String> services, Duration heartbeat) {
        this.member = member;
        this.choice = choice;
        this.services = Set.copyOf(services);
        this.heartbeat = heartbeat;
    }

    /** How long a placed vat's server has to report it running: {@value #HEARTBEATS_TO_RUN} heartbeats. */
    Duration runningWait() {
        return heartbeat.multipliedBy(HEARTBEATS_TO_RUN);
    }

    /**
     * Places a new vat running {@code service} on the live member whose id is or begins with
     * {@code server}, or, if it is empty, on one chosen by the service's placement policy, and
     * answers the sturdy ref of the vat's root. The ref's hints name the chosen server first,
     * then every other live member, so it still reaches the vat after it moved.
     *
     * @throws IllegalArgumentException if the service is not configured here, or no live member matches
     * @throws dev.erg.server.cluster.ClusterException if the database fails or the member is not live
     */
    SturdyRef spawn(String service, String server) {
        if (!services.contains(service)) {
            throw new IllegalArgumentException("no service called \"" + service + "\" is configured here (configured: "
                    + String.join(", ", services.stream().sorted().toList()) + ")");
        }
        List<Member> live = member.members().stream().filter(Member::live).toList();
        String target = server.isEmpty()
                ? choice.choose(service, live).orElseThrow(() -> new IllegalArgumentException(
                        "no live active member takes vats now"))
                : memberNamed(server, live);
        PlacedKey key = PlacedKey.generate(random);
        Placement placed = member.directory().place(key.identity().vatId(), service, target, key.pem());
        member.refresh();
        return new SturdyRef(placed.vat(), hints(placed, live), key.rootSwiss());
    }

    /**
     * Begins moving the placed vat {@code vat} to the live active member whose id is or begins
     * with {@code server}: its server hands it over when it next reads the directory (at once if
     * it is this one). Answers the vat's placement, marked as moving.
     *
     * @throws IllegalArgumentException if the vat is not placed, or no live member matches
     * @throws dev.erg.server.cluster.ClusterException if it is moving already, is there already, or the database fails
     */
    Placement move(VatId vat, String server) {
        List<Member> live = member.members().stream().filter(Member::live).toList();
        String target = memberNamed(server, live);
        Placement now = member.directory().lookup(vat).orElseThrow(() -> new IllegalArgumentException(
                "vat " + vat + " is not placed in the cluster's directory"));
        Placement moving = member.directory().beginMove(vat, now.epoch(), target);
        member.refresh();
        return moving;
    }

    /**
     * Where the directory places {@code vat} once it has left the server {@code from} (or
     * {@code deadline}, {@link System#nanoTime}, has passed), polling it; empty if it is not placed.
     */
    Optional<Placement> awaitMoved(VatId vat, String from, long deadline) throws InterruptedException {
        while (true) {
            Optional<Placement> now = member.directory().lookup(vat);
            if (now.isEmpty() || !now.get().serverId().equals(from) || System.nanoTime() - deadline > 0) {
                return now;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * Whether the server the directory places {@code vat} on reports it running before
     * {@code deadline} ({@link System#nanoTime}) has passed, polling the directory.
     */
    boolean awaitRunning(VatId vat, long deadline) throws InterruptedException {
        while (!member.directory().running(vat)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    /** The id of the member among {@code live} whose id is or begins with {@code server}. */
    static String memberNamed(String server, List<Member> live) {
        List<String> matching = live.stream().map(Member::serverId).filter(id -> id.startsWith(server)).toList();
        if (matching.size() != 1) {
            throw new IllegalArgumentException(matching.isEmpty()
                    ? "no live member of the cluster is called " + server
                    : "several live members' ids begin with " + server + ": give more of it");
        }
        return matching.getFirst();
    }

    /** The vat's hints: where it is placed, then every other live member, for a ref that outlives its server. */
    static List<InetSocketAddress> hints(Placement placed, List<Member> live) {
        Set<String> texts = new LinkedHashSet<>(placed.hints());
        live.forEach(m -> texts.addAll(m.hints()));
        List<InetSocketAddress> hints = new ArrayList<>();
        for (String text : texts) {
            int colon = text.lastIndexOf(':');
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            hints.add(InetSocketAddress.createUnresolved(host, Integer.parseInt(text.substring(colon + 1))));
        }
        return hints;
    }
}
