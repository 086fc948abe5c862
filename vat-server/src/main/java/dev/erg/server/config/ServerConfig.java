package dev.erg.server.config;

import dev.erg.net.Admission;
import dev.erg.server.spawn.SpawnLimits;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a data directory's configuration file asks of the server.
 *
 * @param listen    where CapTP listens; port 0 picks a free port at each start
 * @param advertise the addresses sturdy refs name as hints; empty to name the bound address
 * @param threads   threads shared by all vats; empty for one per processor
 * @param metrics   the loopback port serving Prometheus metrics; empty when off
 * @param storage   where durable state is kept: {@value #SQLITE}, or a {@code jdbc:postgresql:} URL
 * @param storageUser     the database user, for PostgreSQL
 * @param storagePassword the database password, for PostgreSQL
 * @param commitBatch     the most turns committed together
 * @param services  the services to host, in the order the file names them
 * @param spawn     what a spawned vat may use unless its spawn asks for less ({@code spawn.NAME})
 * @param spawnMaxima the most a spawn may ask for ({@code spawn.NAME.max}); each at least its default
 * @param cluster   the cluster this server is a member of; empty when it is on its own
 * @param admission what peers not yet trusted may hold ({@code peers.*})
 * @param inspector the loopback port serving the inspector page (0: any free port); empty when off
 * @param ocapn     the OCapN listener beside the CapTP one ({@code ocapn.*}); empty when off
 */
public record ServerConfig(InetSocketAddress listen, List<InetSocketAddress> advertise, OptionalInt threads,
                           OptionalInt metrics, String storage, String storageUser, String storagePassword,
                           int commitBatch, List<ServiceSpec> services, SpawnLimits spawn, SpawnLimits spawnMaxima,
                           Optional<ClusterConfig> cluster, Admission admission, OptionalInt inspector,
                           Optional<OcapnConfig> ocapn) {

    /** The {@code storage} value for an SQLite database in the data directory. */
    public static final String SQLITE = "sqlite";

    /** Turns committed together at most, unless configured. */
    public static final int DEFAULT_COMMIT_BATCH = 256;

    /** Copies the lists. */
    public ServerConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(storageUser, "storageUser");
        Objects.requireNonNull(storagePassword, "storagePassword");
        Objects.requireNonNull(spawn, "spawn");
        Objects.requireNonNull(spawnMaxima, "spawnMaxima");
        advertise = List.copyOf(advertise);
        services = List.copyOf(services);
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(inspector, "inspector");
        Objects.requireNonNull(ocapn, "ocapn");
    }

    /** The service called {@code name}, if configured. */
    public Optional<ServiceSpec> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
