package dev.erg.server.cluster;

import dev.erg.crypto.VatId;
import dev.erg.net.VatLocator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The directory and the live members as last read, refreshed by each heartbeat, so that a
 * listener's {@link VatLocator} answers from memory on its I/O threads. A redirect for a vat
 * names the hints of the member the directory places it on first, then those of every other
 * live member: if the copy is stale, the member the dialer reaches next knows better and
 * redirects again. It never names the member it belongs to, which is asked only for vats it
 * does not host now: sending a dialer back to it would only cost a redirect. Thread-safe.
 */
public final class LocationCache implements VatLocator {

    /** One consistent copy: what the directory placed and who was live, read together. */
    private record Snapshot(Map<VatId, Placement> placements, List<Member> live) {
    }

    private final String own;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of());

    /** An empty copy, for the member {@code own}. */
    public LocationCache(String own) {
        this.own = own;
    }

    /** Replaces the copy with {@code placements} and the members {@code live} now. */
    public void update(List<Placement> placements, List<Member> live) {
        snapshot = new Snapshot(placements.stream().collect(Collectors.toUnmodifiableMap(Placement::vat,
                Function.identity())), List.copyOf(live));
    }

    /** Where the directory placed {@code vat}, when last read. */
    public Optional<Placement> placement(VatId vat) {
        return Optional.ofNullable(snapshot.placements().get(vat));
    }

    /** Every placed vat, when last read. */
    public List<Placement> placements() {
        return List.copyOf(snapshot.placements().values());
    }

    /** The members whose lease held when last read. */
    public List<Member> live() {
        return snapshot.live();
    }

    @Override
    public List<String> locate(VatId vat) {
        Snapshot now = snapshot;
        Placement placed = now.placements().get(vat);
        if (placed == null) {
            return List.of();
        }
        Set<String> hints = new LinkedHashSet<>();
        if (!placed.serverId().equals(own)) {
            hints.addAll(placed.hints());
        }
        for (Member member : now.live()) {
            if (!member.serverId().equals(own)) {
                hints.addAll(member.hints());
            }
        }
        return new ArrayList<>(hints);
    }
}
