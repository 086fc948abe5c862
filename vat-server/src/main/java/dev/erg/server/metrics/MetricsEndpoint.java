package dev.erg.server.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.erg.server.config.SetupException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves {@link ServerMetrics#scrape()} at {@code GET /metrics} over HTTP, on the loopback
 * interface only: metrics say who talks to the server and how much, which is not for the
 * network at large. Put a proxy in front to expose them further.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves {@code metrics} on 127.0.0.1 (or the platform's loopback) at {@code port}.
     *
     * @throws SetupException if the port is in use or cannot be bound
     */
    public static MetricsEndpoint start(ServerMetrics metrics, int port) throws SetupException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (BindException e) {
            throw new SetupException("metrics.port " + port + " on " + address.getAddress().getHostAddress()
                    + " is in use; choose another metrics.port in the configuration, or stop what uses it", e);
        } catch (IOException e) {
            throw new SetupException("cannot serve metrics on " + address + ": " + e.getMessage(), e);
        }
        server.createContext("/metrics", exchange -> answer(exchange, metrics));
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "erg-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new MetricsEndpoint(server, executor);
    }

    private static void answer(HttpExchange exchange, ServerMetrics metrics) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The port served. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops serving. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
