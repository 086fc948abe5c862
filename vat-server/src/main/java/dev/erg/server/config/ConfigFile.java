package dev.erg.server.config;

import dev.erg.net.Admission;
import dev.erg.server.spawn.SpawnLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration file of a data directory: one {@code key = value} per line, {@code #}
 * starting a comment. Every error names the file, the line and the key, and says what would
 * be accepted.
 *
 * <pre>
 * listen = 127.0.0.1:7700          # where CapTP listens
 * advertise = vats.example.org:7700 # hints written into sturdy refs (comma-separated)
 * threads = 4                      # threads shared by all vats
 * metrics.port = 9700              # Prometheus metrics on 127.0.0.1, or "off"
 * inspector.port = 9701            # the inspector page on 127.0.0.1 (0: any free port), or "off"
 * service.counter = counter        # host a service named "counter", made by maker "counter"
 * storage = sqlite                 # durable state: "sqlite" (durable.db in the data directory),
 *                                  # or jdbc:postgresql://HOST:PORT/DB
 * storage.user = erg               # PostgreSQL's user and password
 * storage.password = secret        # or storage.password.file = FILE holding it
 * commit.batch = 256               # turns committed together at most; 1 commits each alone
 * spawn.computrons.turn = 1000000  # what a spawned vat may use, unless its spawn asks for less
 * spawn.computrons.turn.max = 5000000 # the most a spawn may ask for (default: the value above)
 * cluster.store = jdbc:postgresql://db:5432/erg  # join the cluster whose membership and directory are there
 * cluster.user = erg               # its user, and its password given in the file or in a file
 * cluster.password.file = /run/secrets/pg-password
 * cluster.key.file = /run/secrets/cluster-key     # the cluster key; else $ERG_CLUSTER_KEY
 * cluster.heartbeat = 2s           # how often the lease is renewed and the load posted
 * cluster.lease = 10s              # how long a lease lasts, by the database's clock
 * cluster.price = 1.0              # the price of a turn here when idle; the posted price rises with load
 * cluster.capacity = 1000          # the turns per second this server is priced and balanced against
 * cluster.placement = power-of-two # how a spawned vat's server is chosen: power-of-two, round-robin,
 *                                  # random or agoric (the server where its turns cost least)
 * cluster.placement.counter = round-robin   # the same, for vats running service counter
 * cluster.rebalance = off          # hot-spot: move vats off servers far above the mean load;
 *                                  # agoric: vats buy their way to servers where turns are cheaper
 * cluster.budget = 4.0             # agoric: the credits per turn each vat is funded with
 * cluster.budget.counter = 2.5     # the same, for vats running service counter
 * </pre>
 *
 * The {@code spawn.} limits are those of {@link SpawnLimits}: {@code computrons.turn},
 * {@code computrons.vat}, {@code messages.turn}, {@code messages.pending}, {@code storage.bytes},
 * {@code worker.heap.mb} and {@code worker.cpu.seconds}.
 *
 * <p>The {@code cluster.*} keys are the cluster section: without {@code cluster.store} the
 * server is on its own, as it always was.
 */
public final class ConfigFile {

    /** The file's name in a data directory. */
    public static final String NAME = "erg-server.conf";

    /** Where a server listens unless told otherwise. */
    public static final InetSocketAddress DEFAULT_LISTEN = InetSocketAddress.createUnresolved("127.0.0.1", 7700);

    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final String KEYS = "listen, advertise, threads, metrics.port, inspector.port, storage, storage.user,"
            + " storage.password, storage.password.file, commit.batch, service.<name>, spawn.<limit>,"
            + " spawn.<limit>.max, cluster.store, cluster.user, cluster.password, cluster.password.file,"
            + " cluster.key.file, cluster.heartbeat, cluster.lease, cluster.price, cluster.capacity, cluster.placement,"
            + " cluster.placement.<service>, cluster.rebalance, cluster.budget, cluster.budget.<service>, peers.connections,"
            + " peers.connections.per-address, peers.partial-frames.bytes, peers.failed-lookups.per-second";
    private static final String SPAWN = "spawn.";
    private static final String PLACEMENT = "cluster.placement.";
    private static final String BUDGET = "cluster.budget.";
    private static final String MAX = ".max";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?");
    private static final long MAX_SECRET_SIZE = 4096;
    private static final long MAX_SIZE = 1 << 20;

    private ConfigFile() {
    }

    /**
     * The default configuration, commented: listening on {@code listen} and hosting
     * {@code services} (name to maker); {@code makers} are listed as the known makers.
     */
    public static String defaults(InetSocketAddress listen, Map<String, String> services, Collection<String> makers) {
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

                # The services to host, each in a vat of its own: service.<name> = <maker>.
                # Makers known to this build: %s.
                """.formatted(HostPort.format(listen), String.join(", ", makers)));
        services.forEach((name, maker) -> text.append("service.").append(name).append(" = ").append(maker).append('\n'));
        return text.toString();
    }

    /**
     * The address {@code text} names as {@code host:port}, for a {@code --listen} option.
     *
     * @throws SetupException saying what is wrong
     */
    public static InetSocketAddress listenAddress(String text) throws SetupException {
        try {
            return HostPort.parse(text, 0);
        } catch (IllegalArgumentException e) {
            throw new SetupException("--listen: " + e.getMessage());
        }
    }

    /**
     * Reads the configuration in {@code file}; a service may only name one of {@code makers}.
     *
     * @throws SetupException saying which line and key are wrong, and why
     */
    public static ServerConfig read(Path file, Collection<String> makers) throws SetupException {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_SIZE) {
                throw new SetupException(file + " is " + size + " bytes, too large for a configuration file (expected: <= "
                        + MAX_SIZE + ")");
            }
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SetupException(file + " is not UTF-8 text; is it a configuration file?");
        } catch (IOException e) {
            throw new SetupException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(file, text, makers);
    }

    /** Reads configuration {@code text}, naming {@code file} in errors. */
    static ServerConfig parse(Path file, String text, Collection<String> makers) throws SetupException {
        Parser parser = new Parser(file, makers);
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            parser.line(i + 1, lines[i]);
        }
        return parser.config();
    }

    /** The state of one reading. */
    private static final class Parser {
        private final Path file;
        private final String fileName;
        private final Collection<String> makers;
        private final Map<String, Integer> seen = new HashMap<>();
        private InetSocketAddress listen = DEFAULT_LISTEN;
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

        Parser(Path file, Collection<String> makers) {
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

        private static long longNumber(String value) {
            String digits = value.replace("_", "");
            if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("\"" + shown(value) + "\" is not a whole number (digits, perhaps"
                        + " grouped by _)");
            }
            return Long.parseLong(digits);
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

        /** The text of a small file holding a secret, without its final line break. */
        private static String secret(Path path) {
            try {
                if (Files.size(path) > MAX_SECRET_SIZE) {
                    throw new IllegalArgumentException(path + " is larger than " + MAX_SECRET_SIZE + " bytes; is it the password?");
                }
                String text = Files.readString(path, StandardCharsets.UTF_8).stripTrailing();
                if (text.isEmpty()) {
                    throw new IllegalArgumentException(path + " is empty");
                }
                return text;
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("no file " + path);
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage());
            }
        }

        private static Duration duration(String value) {
            Matcher m = DURATION.matcher(value);
            if (!m.matches()) {
                throw new IllegalArgumentException("\"" + shown(value) + "\" is not a duration such as 500ms, 2s or 1m");
            }
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
            if (d.isZero()) {
                throw new IllegalArgumentException("a duration of 0 is no rhythm; give one such as 500ms, 2s or 1m");
            }
            return d;
        }

        /** {@code value}, which must be one of {@code choices}. */
        private static double decimal(String value) {
            if (!DECIMAL.matcher(value).matches()) {
                throw new IllegalArgumentException("\"" + shown(value) + "\" is not a number such as 1 or 0.25");
            }
            return Double.parseDouble(value);
        }

        private static String choice(String value, List<String> choices) {
            if (!choices.contains(value)) {
                throw new IllegalArgumentException("expected one of " + String.join(", ", choices) + ", found \""
                        + shown(value) + "\"");
            }
            return value;
        }

        private static int number(String value, int min, int max) {
            if (value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("\"" + shown(value) + "\" is not a number from " + min + " to " + max);
            }
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException(n + " is not a number from " + min + " to " + max);
            }
            return n;
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
                    services, limits, maxima, cluster(), admission(), inspector);
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

    /** Text from the file as an error message may show it: short, printable. */
    private static String shown(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(40).forEach(c -> {
            if (c < ' ' || c == 0x7f || Character.getType(c) == Character.PRIVATE_USE || c == 0xfffd) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > 40 ? out + "…" : out.toString();
    }
}
