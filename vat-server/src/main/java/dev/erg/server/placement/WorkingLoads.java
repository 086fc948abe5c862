package dev.erg.server.placement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers' loads during one round of rebalancing, updated as each migration is decided so
 * that later ones in the round see the earlier ones.
 */
final class WorkingLoads {

    private final List<ServerView> servers;
    private final double[] load;
    private final Map<String, Integer> index = new HashMap<>();

    WorkingLoads(List<ServerView> servers) {
        this.servers = List.copyOf(servers);
        this.load = new double[servers.size()];
        for (int i = 0; i < servers.size(); i++) {
            load[i] = servers.get(i).load();
            index.put(servers.get(i).id(), i);
        }
    }

    int size() {
        return servers.size();
    }

    /** The position of server {@code id}, or -1 for a server not in the snapshot. */
    int indexOf(String id) {
        return index.getOrDefault(id, -1);
    }

    ServerView server(int i) {
        return servers.get(i);
    }

    boolean accepts(int i) {
        return servers.get(i).accepts();
    }

    double load(int i) {
        return load[i];
    }

    double utilisation(int i) {
        return load[i] / servers.get(i).capacity();
    }

    /** Utilisation of server {@code i} once {@code extra} more turns per second arrive (or leave, if negative). */
    double utilisationWith(int i, double extra) {
        return Math.max(0, load[i] + extra) / servers.get(i).capacity();
    }

    /** Mean utilisation of the accepting servers, weighted by capacity; 0 when none accepts. */
    double meanUtilisation() {
        double total = 0;
        double capacity = 0;
        for (int i = 0; i < load.length; i++) {
            if (accepts(i)) {
                total += load[i];
                capacity += servers.get(i).capacity();
            }
        }
        return capacity == 0 ? 0 : total / capacity;
    }

    void move(int from, int to, double vatLoad) {
        load[from] = Math.max(0, load[from] - vatLoad);
        load[to] += vatLoad;
    }
}
