package dev.erg.server.config;

import dev.erg.server.spawn.SpawnLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

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

    private static final long MAX_SIZE = 1 << 20;

    private ConfigFile() {
    }

    /**
     * The default configuration, commented: listening on {@code listen} and hosting
     * {@code services} (name to maker); {@code makers} are listed as the known makers.
     */
    public static String defaults(InetSocketAddress listen, Map<String, String> services, Collection<String> makers) {
        return ConfigTemplate.text(listen, services, makers);
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
        ConfigParser parser = new ConfigParser(file, makers);
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            parser.line(i + 1, lines[i]);
        }
        return parser.config();
    }
}
