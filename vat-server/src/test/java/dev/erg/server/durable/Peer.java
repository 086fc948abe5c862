package dev.erg.server.durable;

import dev.erg.captp.SturdyRef;
import dev.erg.server.FreePort;
import dev.erg.server.config.SetupException;
import dev.erg.server.host.ServiceRegistry;
import dev.erg.server.host.VatServer;
import dev.erg.server.store.DataDir;
import dev.erg.vat.Promise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One vat-server of a test, in this JVM, hosting one service of the maker of the same name.
 * It listens on the same port at every start, so that the hints of its sturdy refs stay
 * good, and its data directory can be copied aside while it is stopped and put back later,
 * as an operator restoring an old backup would.
 */
final class Peer implements AutoCloseable {

    private static final ServiceRegistry MAKERS = ServiceRegistry.load();

    private final DataDir dir;
    private final String storage;
    private VatServer server;

    private Peer(DataDir dir, String storage) {
        this.dir = dir;
        this.storage = storage;
    }

    /** A new data directory at {@code root} hosting the service {@code maker}, on a port free now. */
    static Peer init(Path root, String maker) throws IOException, SetupException {
        return init(root, maker, "");
    }

    /** As {@link #init(Path, String)}, its durable store configured by {@code storage} (empty: SQLite in the directory). */
    static Peer init(Path root, String maker, String storage) throws IOException, SetupException {
        return new Peer(DataDir.init(root, config(FreePort.pick(), maker, storage), null), storage);
    }

    /** A new data directory at {@code root} hosting one service of each of {@code makers}, on a port free now. */
    static Peer hosting(Path root, String... makers) throws IOException, SetupException {
        return new Peer(DataDir.init(root, config(FreePort.pick(), String.join(" ", makers), ""), null), "");
    }

    /** Each maker of the space-separated {@code makers} as a service of its own name. */
    private static String config(int port, String makers, String storage) {
        StringBuilder config = new StringBuilder("listen = 127.0.0.1:%d\n".formatted(port));
        for (String maker : makers.split(" ")) {
            config.append("service.%s = %s\n".formatted(maker, maker));
        }
        return config.append(storage).toString();
    }


    /** Moves the stopped server hosting {@code maker} to another port, free now: its sturdy refs' hints change. */
    void move(String maker) throws IOException {
        requireStopped();
        Files.writeString(dir.root().resolve("erg-server.conf"), config(FreePort.pick(), maker, storage));
    }

    void start() throws SetupException {
        if (server != null) {
            throw new IllegalStateException(dir.root() + " is already started");
        }
        server = VatServer.start(dir, null, MAKERS);
    }

    void stop() {
        server().close();
        server = null;
    }

    VatServer server() {
        return Objects.requireNonNull(server, "not started");
    }

    /** The sturdy ref of the hosted service, the first if several, the same at every start. */
    SturdyRef ref() {
        return server().services().getFirst().sturdyRef();
    }

    /** The sturdy ref of the hosted service {@code name}. */
    SturdyRef ref(String name) {
        return server().services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().sturdyRef();
    }

    String vatId() {
        return dir.vatId().toString();
    }

    /** What the running server's durable host has raised. */
    List<String> alarms() {
        return server().durables().alarms();
    }

    /** The running server's outboxes, one per receiving vat. */
    List<OutboxStatus> outboxes() {
        Promise<List<OutboxStatus>> all = server().durables().outboxes();
        return all.join(Duration.ofSeconds(10));
    }

    /** Copies the whole data directory, the durable store and its log included, to {@code copy}; only while stopped. */
    void copyTo(Path copy) throws IOException {
        requireStopped();
        copyTree(dir.root(), copy);
    }

    /** Replaces the data directory with {@code copy}; only while stopped. */
    void restoreFrom(Path copy) throws IOException {
        requireStopped();
        try (Stream<Path> paths = Files.walk(dir.root())) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        copyTree(copy, dir.root());
    }

    private void requireStopped() {
        if (server != null) {
            throw new IllegalStateException("stop " + dir.root() + " first: a running server's store is not a consistent copy");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }
}
