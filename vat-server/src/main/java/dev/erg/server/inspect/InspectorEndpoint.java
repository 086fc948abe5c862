package dev.erg.server.inspect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.erg.server.config.SetupException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the inspector page over HTTP on the loopback interface only, at a capability URL:
 * {@code http://127.0.0.1:PORT/inspector/SECRET/}, where {@code SECRET} is 256 random bits,
 * new at each start. Whoever knows the URL may look; nobody else learns anything, not even
 * that an inspector is there: every other path is answered 404 with no body, before anything
 * is read or computed. The URL is given to the operator ({@link #url()}), never logged.
 *
 * <p>Under the URL: the page ({@code ./}), its style sheet, script and icon, and
 * {@code snapshot.json}, a {@link Snapshot} taken at each request, which the page polls.
 * Responses forbid caching and sending the URL on as a referrer, and the page may load
 * nothing from elsewhere. Requests are served one at a time, on a thread of the endpoint's
 * own, so a burst of them cannot take threads from the vats.
 */
public final class InspectorEndpoint implements AutoCloseable {

    /** The path every capability URL starts with. */
    public static final String PREFIX = "/inspector/";

    private static final int SECRET_BYTES = 32;
    private static final Map<String, Asset> ASSETS = Map.of(
            "", new Asset("inspector.html", "text/html; charset=utf-8"),
            "inspector.css", new Asset("inspector.css", "text/css; charset=utf-8"),
            "inspector.js", new Asset("inspector.js", "text/javascript; charset=utf-8"),
            "favicon.svg", new Asset("favicon.svg", "image/svg+xml"));
    private static final String SNAPSHOT = "snapshot.json";
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] secret;
    private final Inspector inspector;
    private final JsonMapper json = JsonMapper.builder().build();

    private InspectorEndpoint(HttpServer server, ExecutorService executor, String secret, Inspector inspector) {
        this.server = server;
        this.executor = executor;
        this.secret = secret.getBytes(StandardCharsets.US_ASCII);
        this.inspector = inspector;
    }

    /**
     * Serves {@code inspector} on 127.0.0.1 (or the platform's loopback) at {@code port}, 0
     * for any free port, under a new secret.
     *
     * @throws SetupException if the port is in use or cannot be bound
     */
    public static InspectorEndpoint start(Inspector inspector, int port) throws SetupException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (BindException e) {
            throw new SetupException("inspector.port " + port + " on " + address.getAddress().getHostAddress()
                    + " is in use; choose another inspector.port in the configuration (0 for any free port),"
                    + " or stop what uses it", e);
        } catch (IOException e) {
            throw new SetupException("cannot serve the inspector on " + address + ": " + e.getMessage(), e);
        }
        byte[] random = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(random);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "erg-inspector");
            t.setDaemon(true);
            return t;
        });
        InspectorEndpoint endpoint = new InspectorEndpoint(server, executor,
                Base64.getUrlEncoder().withoutPadding().encodeToString(random), inspector);
        server.createContext("/", endpoint::answer);
        server.setExecutor(executor);
        server.start();
        return endpoint;
    }

    /** The capability URL of the page: whoever has it may see what the server is doing. */
    public String url() {
        return "http://" + hostForUrl() + ":" + port() + PREFIX + new String(secret, StandardCharsets.US_ASCII) + "/";
    }

    /** The port served. */
    public int port() {
        return server.getAddress().getPort();
    }

    private String hostForUrl() {
        String host = server.getAddress().getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String rest = underSecret(path);
            if (rest == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (rest.equals(SNAPSHOT)) {
                send(exchange, "application/json; charset=utf-8", json.writeValueAsBytes(inspector.snapshot()));
                return;
            }
            Asset asset = ASSETS.get(rest);
            if (asset == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            send(exchange, asset.type(), asset.bytes());
        }
    }

    /** What follows {@code PREFIX + secret + "/"} in {@code path}, or null if the path does not start so. */
    private String underSecret(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return null;
        }
        int end = path.indexOf('/', PREFIX.length());
        if (end < 0) {
            return null;
        }
        byte[] given = path.substring(PREFIX.length(), end).getBytes(StandardCharsets.US_ASCII);
        // In constant time, so that how long a refusal takes says nothing of the secret.
        return MessageDigest.isEqual(given, secret) ? path.substring(end + 1) : null;
    }

    private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("Cache-Control", "no-store");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", POLICY);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops serving. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** A file of the page, read from this package's resources. */
    private record Asset(String name, String type) {

        byte[] bytes() {
            try (InputStream in = InspectorEndpoint.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("the inspector's " + name + " is missing from the build");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
