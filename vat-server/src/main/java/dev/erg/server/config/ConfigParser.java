package dev.erg.server.config;

import static dev.erg.server.config.ConfigValues.choice;
import static dev.erg.server.config.ConfigValues.decimal;
import static dev.erg.server.config.ConfigValues.duration;
import static dev.erg.server.config.ConfigValues.longNumber;
import static dev.erg.server.config.ConfigValues.number;
import static dev.erg.server.config.ConfigValues.secret;
import static dev.erg.server.config.ConfigValues.shown;

import dev.erg.net.Admission;
import dev.erg.server.spawn.SpawnLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** The state of one reading of a configuration file, line by line, and the configuration it makes. */
final class ConfigParser {

    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final String KEYS = "listen, advertise, threads, metrics.port, inspector.port, storage, storage.user,"
            + " storage.password, storage.password.file, commit.batch, service.<name>, spawn.<limit>,"
            + " spawn.<limit>.max, cluster.store, cluster.user, cluster.password, cluster.password.file,"
            + " cluster.key.file, cluster.heartbeat, cluster.lease, cluster.price, cluster.capacity, cluster.placement,"
            + " cluster.placement.<service>, cluster.rebalance, cluster.budget, cluster.budget.<service>, peers.connections,"
            + " peers.connections.per-address, peers.partial-frames.bytes, peers.failed-lookups.per-second, ocapn.listen,"
            + " ocapn.netlayer, ocapn.interop";
    private static final String SPAWN = "spawn.";
    private static final String PLACEMENT = "cluster.placement.";
    private static final String BUDGET = "cluster.budget.";
    private static final String MAX = ".max";

    private final Path file;
    private final String fileName;
    private final Collection<String> makers;
    private final Map<String, Integer> seen = new HashMap<>();
    private InetSocketAddress listen = ConfigFile.DEFAULT_LISTEN;
    private int listenLine;
    private List<InetSocketAddress> advertise = List.of();
    private OptionalInt threads = OptionalInt.empty();
    private OptionalInt metrics = OptionalInt.empty();
    private OptionalInt inspector = OptionalInt.empty();
    private final List<ServiceSpec> services = new ArrayList<>();
    private String storage = ServerConfig.SQLITE;
    private String storageUser = "";
    private String storagePassword = "";
    private int commitBatch = ServerConfig.DEFAULT_COMMIT_BATCH;
    private final Map<String, Long> spawn = new HashMap<>();
    private final Map<String, Long> spawnMaxima = new HashMap<>();
    private String clusterStore;
    private String clusterUser = "";
    private String clusterPassword = "";
    private Path clusterKeyFile;
    private Duration heartbeat = ClusterConfig.DEFAULT_HEARTBEAT;
    private Duration lease = ClusterConfig.DEFAULT_LEASE;
    private double price = ClusterConfig.DEFAULT_PRICE;
    private double capacity = ClusterConfig.DEFAULT_CAPACITY;
    private final Map<String, Double> budget = new HashMap<>();
    private final Map<String, String> placement = new HashMap<>();
    private String rebalance = "off";
    private int connections = Admission.DEFAULTS.maxConnections();
    private OptionalInt connectionsPerAddress = OptionalInt.empty();
    private long partialFrameBytes = Admission.DEFAULTS.maxPartialFrameBytes();
    private int failedLookups = Admission.DEFAULTS.failedFetchesPerSecond();
    private InetSocketAddress ocapnListen;
    private String ocapnNetlayer = OcapnConfig.TCP_TESTING_ONLY;
    private boolean ocapnInterop;

    ConfigParser(Path file, Collection<String> makers) {
        this.file = file;
        this.fileName = String.valueOf(file);
        this.makers = makers;
    }

    void line(int number, String raw) throws SetupException {
        int hash = raw.indexOf('#');
        String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
        if (line.isEmpty()) {
            return;
        }
        int equals = line.indexOf('=');
        if (equals < 0) {
            throw error(number, "expected `key = value`, found \"" + shown(line) + "\"");
        }
        String key = line.substring(0, equals).strip();
        String value = line.substring(equals + 1).strip();
        Integer previous = seen.putIfAbsent(key, number);
        if (previous != null) {
            throw error(number, key + " is already set on line " + previous);
        }
        if (value.isEmpty()) {
            throw error(number, key + " has no value");
        }
        try {
            set(number, key, value);
        } catch (IllegalArgumentException e) {
            throw error(number, key + ": " + e.getMessage());
        }
    }

    private void set(int number, String key, String value) throws SetupException {
        switch (key) {
            case "listen" -> {
                listen = HostPort.parse(value, 0);
                listenLine = number;
            }
            case "advertise" -> {
                List<InetSocketAddress> hints = new ArrayList<>();
                for (String hint : value.split(",", -1)) {
                    hints.add(HostPort.parse(hint.strip(), 1));
                }
                advertise = List.copyOf(hints);
            }
            case "threads" -> threads = OptionalInt.of(number(value, 1, 1024));
            case "metrics.port" -> metrics = value.equals("off") ? OptionalInt.empty() : OptionalInt.of(number(value, 1, 65_535));
            case "inspector.port" -> inspector = value.equals("off") ? OptionalInt.empty() : OptionalInt.of(number(value, 0, 65_535));
            case "storage" -> {
                if (!value.equals(ServerConfig.SQLITE) && !value.startsWith("jdbc:postgresql://")) {
                    throw new IllegalArgumentException("expected sqlite or jdbc:postgresql://HOST:PORT/DB, found \""
                            + shown(value) + "\"");
                }
                storage = value;
            }
            case "storage.user" -> storageUser = value;
            case "storage.password" -> storagePassword = value;
            case "storage.password.file" -> storagePassword = secret(resolve(value));
            case "commit.batch" -> commitBatch = number(value, 1, 65_536);
            case "cluster.store" -> {
                if (!value.startsWith("jdbc:postgresql://")) {
                    throw new IllegalArgumentException("expected jdbc:postgresql://HOST:PORT/DB, found \"" + shown(value)
                            + "\"");
                }
                clusterStore = value;
            }
            case "cluster.user" -> clusterUser = value;
            case "cluster.password" -> clusterPassword = value;
            case "cluster.password.file" -> clusterPassword = secret(resolve(value));
            case "cluster.key.file" -> clusterKeyFile = resolve(value);
            case "cluster.heartbeat" -> heartbeat = duration(value);
            case "cluster.lease" -> lease = duration(value);
            case "cluster.price" -> {
                price = decimal(value);
                if (price == 0) {
                    throw new IllegalArgumentException("the price of a turn on an idle server must be more than 0");
                }
            }
            case "cluster.capacity" -> {
                capacity = decimal(value);
                if (capacity == 0) {
                    throw new IllegalArgumentException("the capacity must be more than 0 turns per second");
                }
            }
            case "cluster.budget" -> budget.put("", decimal(value));
            case "cluster.placement" -> placement.put("", choice(value, ClusterConfig.PLACEMENTS));
            case "cluster.rebalance" -> rebalance = choice(value, ClusterConfig.REBALANCERS);
            case "peers.connections" -> connections = number(value, 1, 1 << 20);
            case "peers.connections.per-address" -> connectionsPerAddress = OptionalInt.of(number(value, 1, 1 << 20));
            case "peers.partial-frames.bytes" -> partialFrameBytes = Math.max(1, longNumber(value));
            case "peers.failed-lookups.per-second" -> failedLookups = number(value, 1, 1_000_000);
            case "ocapn.listen" -> ocapnListen = HostPort.parse(value, 0);
            case "ocapn.netlayer" -> ocapnNetlayer = choice(value, OcapnConfig.NETLAYERS);
            case "ocapn.interop" -> ocapnInterop = choice(value, List.of("on", "off")).equals("on");
            default -> {
                if (key.startsWith(BUDGET) && key.length() > BUDGET.length()) {
                    budget.put(key.substring(BUDGET.length()), decimal(value));
                    return;
                }
                if (key.startsWith(PLACEMENT) && key.length() > PLACEMENT.length()) {
                    placement.put(key.substring(PLACEMENT.length()), choice(value, ClusterConfig.PLACEMENTS));
                    return;
                }
                if (key.startsWith(SPAWN)) {
                    spawnLimit(key, value);
                    return;
                }
                if (!key.startsWith("service.")) {
                    throw error(number, "unknown key \"" + shown(key) + "\" (expected one of: " + KEYS + ")");
                }
                String name = key.substring("service.".length());
                if (!SERVICE_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("a service name is 1 to 63 lower-case letters, digits and dashes,"
                            + " starting with a letter or digit");
                }
                if (!makers.contains(value)) {
                    throw new IllegalArgumentException("no service maker is called \"" + shown(value) + "\" (known: "
                            + String.join(", ", makers.stream().sorted().toList()) + ")");
                }
                services.add(new ServiceSpec(name, value, number));
            }
        }
    }

    /** A {@code spawn.NAME} or {@code spawn.NAME.max} line, its value checked as that limit. */
    private void spawnLimit(String key, String value) {
        boolean max = key.endsWith(MAX);
        String name = key.substring(SPAWN.length(), key.length() - (max ? MAX.length() : 0));
        if (!SpawnLimits.NAMES.contains(name)) {
            throw new IllegalArgumentException("no limit is called \"" + shown(name) + "\" (known: "
                    + String.join(", ", SpawnLimits.NAMES) + ")");
        }
        long n = longNumber(value);
        SpawnLimits.defaults().with(name, n);
        (max ? spawnMaxima : spawn).put(name, n);
    }

    /** Checks that each maximum is at least its limit, naming the {@code .max} key that is not. */
    private void checkMaxima(SpawnLimits limits, SpawnLimits maxima) throws SetupException {
        for (String name : SpawnLimits.NAMES) {
            if (limits.get(name) > maxima.get(name)) {
                String key = SPAWN + name + MAX;
                throw error(seen.get(key), key + ": " + maxima.get(name) + " is below " + SPAWN + name + " = "
                        + limits.get(name) + " (a maximum must be at least the limit)");
            }
        }
    }

    /** {@code value} as a path, relative to the configuration file's directory. */
    private Path resolve(String value) {
        try {
            Path given = Path.of(value);
            Path parent = file.getParent();
            return given.isAbsolute() || parent == null ? given : parent.resolve(given);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("\"" + shown(value) + "\" is not a file name");
        }
    }

    ServerConfig config() throws SetupException {
        for (String key : List.of("storage.password", "cluster.password")) {
            if (seen.containsKey(key) && seen.containsKey(key + ".file")) {
                throw error(seen.get(key + ".file"), key + ".file: " + key + " is set too, on line " + seen.get(key)
                        + "; keep one");
            }
        }
        if (advertise.isEmpty() && isWildcard(listen.getHostString())) {
            throw error(listenLine, "listen: " + listen.getHostString() + " listens on every interface, which is no address"
                    + " to dial; add `advertise = <host>:<port>` to say where peers reach this server");
        }
        // Each value was checked on its own line, and no limit depends on another.
        SpawnLimits limits = SpawnLimits.defaults().with(spawn);
        SpawnLimits maxima = limits.with(spawnMaxima);
        checkMaxima(limits, maxima);
        return new ServerConfig(listen, advertise, threads, metrics, storage, storageUser, storagePassword, commitBatch,
                services, limits, maxima, cluster(), admission(), inspector, ocapn());
    }

    /** The OCapN listener, checked as a whole: empty without {@code ocapn.listen}. */
    private Optional<OcapnConfig> ocapn() throws SetupException {
        if (ocapnListen == null) {
            Optional<String> stray = seen.keySet().stream().filter(k -> k.startsWith("ocapn.")).sorted().findFirst();
            if (stray.isPresent()) {
                throw error(seen.get(stray.get()), stray.get() + ": no ocapn.listen is set; set it to the host:port"
                        + " OCapN peers dial, or remove " + stray.get());
            }
            return Optional.empty();
        }
        return Optional.of(new OcapnConfig(ocapnListen, ocapnNetlayer, ocapnInterop));
    }

    /**
     * The {@code peers.*} bounds, checked together: one address may not be allowed more
     * than all, and is allowed at most all unless told otherwise.
     */
    private Admission admission() throws SetupException {
        int perAddress = connectionsPerAddress.orElse(Math.min(connections, Admission.DEFAULTS.maxConnectionsPerAddress()));
        if (perAddress > connections) {
            throw error(seen.get("peers.connections.per-address"), "peers.connections.per-address: " + perAddress
                    + " is more than the " + connections + " connections allowed in all (peers.connections)");
        }
        return new Admission(connections, perAddress, partialFrameBytes, failedLookups);
    }

    /** The cluster section, checked as a whole: empty without {@code cluster.store}. */
    private Optional<ClusterConfig> cluster() throws SetupException {
        if (clusterStore == null) {
            Optional<String> stray = seen.keySet().stream().filter(k -> k.startsWith("cluster.")).sorted().findFirst();
            if (stray.isPresent()) {
                throw error(seen.get(stray.get()), stray.get() + ": no cluster.store is set; set it to the cluster's"
                        + " jdbc:postgresql://HOST:PORT/DB to join a cluster, or remove " + stray.get());
            }
            return Optional.empty();
        }
        if (!storage.equals(ServerConfig.SQLITE) && !storage.equals(clusterStore)) {
            // A takeover raises the epoch of the vat's durable state in the directory's transaction.
            throw error(seen.get("storage"), "storage: a cluster member keeps durable state in the cluster's database ("
                    + clusterStore + "), not in " + storage);
        }
        String leaseKey = seen.containsKey("cluster.lease") ? "cluster.lease" : "cluster.heartbeat";
        try {
            return Optional.of(new ClusterConfig(clusterStore, clusterUser, clusterPassword,
                    Optional.ofNullable(clusterKeyFile), heartbeat, lease, price, capacity, placement, rebalance, budget));
        } catch (IllegalArgumentException e) {
            throw error(seen.getOrDefault(leaseKey, seen.get("cluster.store")), leaseKey + ": " + e.getMessage());
        }
    }

    private SetupException error(int line, String what) {
        return new SetupException(fileName + " line " + line + ": " + what);
    }

    private static boolean isWildcard(String host) {
        if (!host.chars().allMatch(c -> c == '.' || c == ':' || Character.digit(c, 16) >= 0)) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
