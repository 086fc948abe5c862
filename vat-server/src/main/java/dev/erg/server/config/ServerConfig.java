package dev.erg.server.config;

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
 * @param services  the services to host, in the order the file names them
 */
public record ServerConfig(InetSocketAddress listen, List<InetSocketAddress> advertise, OptionalInt threads,
                           OptionalInt metrics, List<ServiceSpec> services) {

    /** Copies the lists. */
    public ServerConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(metrics, "metrics");
        advertise = List.copyOf(advertise);
        services = List.copyOf(services);
    }

    /** The service called {@code name}, if configured. */
    public Optional<ServiceSpec> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
