package dev.erg.ocapn.netlayer;

import dev.erg.captp.session.Session;
import dev.erg.crypto.VatIdentity;
import dev.erg.ocapn.captp.LocatorUris;
import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.ocapn.session.Endpoint;
import dev.erg.ocapn.session.OcapnConnection;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * OCapN's {@code tcp-testing-only} netlayer: CapTP's operations over plain TCP, one after
 * another, framed by nothing but Syrup itself. A node's locator names it by a designator and
 * the hints {@code host} and {@code port}. As the name says, it is for tests: nothing
 * authenticates the peer or hides the bytes, so it carries nothing an attacker on the path
 * may not see or change.
 *
 * <p>Each connection is an {@link OcapnConnection}: bytes read go to it as they arrive, an
 * operation longer than {@code maxFrameBytes} or any bad input is answered with
 * {@code op:abort} and the channel closed. Thread-safe.
 */
public final class TcpTestingOnly implements AutoCloseable {

    /** The transport name in locators. */
    public static final String TRANSPORT = "tcp-testing-only";

    /** How long a dial the peer refused for crossed hellos waits for the peer's connection to open. */
    private static final Duration HELLO_WAIT = ChannelConnection.HELLO_TIMEOUT;

    private final EventLoopGroup group;
    private final OcapnPeers peers;
    private final List<Channel> servers = new CopyOnWriteArrayList<>();

    private TcpTestingOnly(EventLoopGroup group, OcapnPeers peers) {
        this.group = group;
        this.peers = peers;
    }

    /** A netlayer on {@code threads} I/O threads of its own, for the connections of {@code peers}. */
    public static TcpTestingOnly start(OcapnPeers peers, int threads) {
        return new TcpTestingOnly(new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory()),
                Objects.requireNonNull(peers, "peers"));
    }

    /** The locator of the node {@code designator} listening at {@code address}. */
    public static PeerLocator locator(String designator, InetSocketAddress address) {
        return new PeerLocator(designator, TRANSPORT,
                Map.of("host", address.getHostString(), "port", Integer.toString(address.getPort())));
    }

    /**
     * Accepts connections on {@code address}, each served with the endpoint {@code endpoint}
     * gives when it arrives; returns the address bound.
     *
     * @throws InterruptedException if interrupted while binding
     */
    public InetSocketAddress listen(InetSocketAddress address, Supplier<Endpoint> endpoint)
            throws InterruptedException {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ChannelConnection(
                                wire -> OcapnConnection.accepting(endpoint.get(), wire, peers)));
                    }
                })
                .bind(address).sync().channel();
        servers.add(server);
        return (InetSocketAddress) server.localAddress();
    }

    /**
     * Dials {@code node} at its hints {@code host} and {@code port}, unless a session with it is
     * open or opening on a connection it dialed; completes with the session once both start-sessions are done, or fails with a
     * {@link ProblemException} saying why.
     */
    public CompletableFuture<Session> dial(PeerLocator node, Endpoint endpoint) {
        Objects.requireNonNull(node, "node");
        if (!TRANSPORT.equals(node.transport())) {
            return failed(node, "its transport is " + node.transport() + ", not " + TRANSPORT);
        }
        String host = node.hints().get("host");
        String port = node.hints().get("port");
        int number;
        try {
            number = port == null ? -1 : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (host == null || number < 1 || number > 65_535) {
            return failed(node, "its locator has no hints host and port (1 to 65535)");
        }
        VatIdentity key = peers.dialKey(node);
        if (key == null) {
            return peers.nextSession(node).orTimeout(HELLO_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        CompletableFuture<Session> result = new CompletableFuture<>();
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelConnection(wire -> {
                    OcapnConnection connection = OcapnConnection.dialing(endpoint, wire, peers, key, node);
                    connection.opened().whenComplete((session, failure) -> {
                        if (failure == null) {
                            result.complete(session);
                        } else if (failure.getMessage().contains(OcapnConnection.CROSSED)) {
                            // The peer dialed us at once and keeps its connection: use that one.
                            peers.nextSession(node).orTimeout(HELLO_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                                    .whenComplete((kept, none) -> {
                                        if (none == null) {
                                            result.complete(kept);
                                        } else {
                                            result.completeExceptionally(failure);
                                        }
                                    });
                        } else {
                            result.completeExceptionally(failure);
                        }
                    });
                    return connection;
                }))
                .connect(host, number).addListener(connect -> {
                    if (!connect.isSuccess()) {
                        peers.dialFailed(node);
                        result.completeExceptionally(new ProblemException(Problem.of(Problem.UNAVAILABLE,
                                "cannot reach %s: %s", LocatorUris.format(node), connect.cause().getMessage())));
                    }
                });
        return result;
    }

    /** The open session with {@code node}, if any. */
    public Optional<Session> session(PeerLocator node) {
        return peers.session(node);
    }

    /** The open sessions, one per peer node. */
    public List<Session> sessions() {
        return peers.sessions();
    }

    /** How many sessions are open, one per peer node at most. */
    public int sessionCount() {
        return peers.sessionCount();
    }

    /** Stops listening and closes every connection, its peer told why by an {@code op:abort}. */
    @Override
    public void close() {
        servers.forEach(Channel::close);
        peers.abortAll("shutdown: the node closed");
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static CompletableFuture<Session> failed(PeerLocator node, String why) {
        return CompletableFuture.failedFuture(new ProblemException(Problem.of(Problem.UNAVAILABLE,
                "cannot reach %s: %s", LocatorUris.format(node), why)));
    }
}
