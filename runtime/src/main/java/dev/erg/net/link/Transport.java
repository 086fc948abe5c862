package dev.erg.net.link;

import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.crypto.VatTls;
import dev.erg.net.NetConfig;
import dev.erg.wire.codec.FrameDecoder;
import dev.erg.wire.codec.FrameEncoder;
import dev.erg.wire.codec.Message;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.codec.WireCodec;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The network side of one vat identity: it listens for and dials mutually authenticated
 * TLS 1.3 connections, on epoll where available and NIO otherwise. Every connection's
 * pipeline reads as a sentence: TLS, then a length-prefixed framer with a maximum, then the
 * session handshake and message decoding ({@link Link}).
 *
 * <p>I/O threads only decode and hand messages to a {@link LinkHandler}; they never run
 * application code.
 */
public final class Transport implements AutoCloseable {

    /**
     * The one protocol name offered and accepted by ALPN: a peer that names only others fails
     * the handshake (a peer that names none is left to the start-session exchange).
     */
    private static final String[] ALPN = {Message.StartSession.PROTOCOL_VERSION};

    private final VatIdentity identity;
    private final NetConfig config;
    private final VatTls tls;
    private final WireCodec codec;
    private final EventLoopGroup group;
    private final boolean epoll;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private volatile List<String> hints = List.of();

    private Transport(VatIdentity identity, NetConfig config, PassableRegistry registry) throws SSLException {
        this.identity = identity;
        this.config = config;
        this.tls = VatTls.of(identity, config.tlsProvider());
        this.codec = new WireCodec(registry, config.limits());
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(config.ioThreads(), io);
    }

    /**
     * A transport for {@code identity}. {@code registry} names the records and enums that
     * messages may carry.
     *
     * @throws SSLException if the TLS provider cannot be set up with this identity
     */
    public static Transport start(VatIdentity identity, NetConfig config, PassableRegistry registry) throws SSLException {
        return new Transport(Objects.requireNonNull(identity, "identity"), Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(registry, "registry"));
    }

    /** The vat id this transport proves to its peers. */
    public VatId vatId() {
        return identity.vatId();
    }

    /** Whether connections use epoll (else NIO). */
    public boolean usesEpoll() {
        return epoll;
    }

    /**
     * Listens on {@code address}; each connection that completes the session handshake is
     * given to {@code acceptor}, which returns its handler. Returns the bound address (useful
     * with port 0).
     *
     * @throws InterruptedException if interrupted while binding
     * @throws IllegalStateException if the TLS provider cannot make a server context
     */
    public InetSocketAddress listen(InetSocketAddress address, Function<Link, LinkHandler> acceptor)
            throws InterruptedException {
        Objects.requireNonNull(acceptor, "acceptor");
        SslContext serverContext = serverContext();
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipeline(ch, serverContext, null, acceptor, null);
                    }
                })
                .bind(address).sync().channel();
        channels.add(server);
        InetSocketAddress bound = (InetSocketAddress) server.localAddress();
        hints = List.of(bound.getHostString() + ":" + bound.getPort());
        return bound;
    }

    /**
     * The context of accepted connections, made only by a transport that listens: a client
     * that only dials is spared Netty's server-side setup, which probes its TLS provider.
     */
    private SslContext serverContext() {
        try {
            return SslContextBuilder.forServer(tls.keyManager())
                    .sslProvider(SslProvider.JDK)
                    .sslContextProvider(tls.jsseProvider())
                    .trustManager(tls.trustManagerForListening())
                    .clientAuth(ClientAuth.REQUIRE)
                    .protocols(VatTls.PROTOCOL)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for listening: " + e.getMessage(), e);
        }
    }

    /**
     * Dials {@code address} and completes with the link once the peer has proved it is
     * {@code expected} and start-session has been exchanged both ways; completes
     * exceptionally with a {@link LinkException} saying why otherwise.
     */
    public CompletableFuture<Link> connect(VatId expected, InetSocketAddress address, LinkHandler handler) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(handler, "handler");
        CompletableFuture<Link> dialed = new CompletableFuture<>();
        SslContext client;
        try {
            // One context per connection: its trust manager is pinned to this peer alone.
            client = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .sslContextProvider(tls.jsseProvider())
                    .keyManager(tls.keyManager())
                    .trustManager(tls.trustManagerForDialing(expected))
                    .protocols(VatTls.PROTOCOL)
                    .endpointIdentificationAlgorithm(null)
                    .build();
        } catch (SSLException e) {
            dialed.completeExceptionally(new LinkException("TLS setup failed: " + e.getMessage()));
            return dialed;
        }
        new Bootstrap()
                .group(group)
                .channel(socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.handshakeTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipeline(ch, client, expected, link -> handler, dialed);
                    }
                })
                .connect(address)
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        dialed.completeExceptionally(new LinkException("cannot connect to " + address + ": "
                                + LinkChannel.reasonOf(f.cause())));
                    }
                });
        return dialed;
    }

    /** Closes every listener and connection, then stops the I/O threads. */
    @Override
    public void close() {
        for (Channel channel : channels) {
            channel.close();
        }
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void pipeline(SocketChannel ch, SslContext context, VatId expected,
                          Function<Link, LinkHandler> acceptor, CompletableFuture<Link> dialed) {
        channels.add(ch);
        ch.closeFuture().addListener(f -> channels.remove(ch));
        SslHandler tls = context.newHandler(ch.alloc());
        // ALPN is set on the engine itself, which every JSSE provider honours: Netty's own ALPN
        // support looks for Bouncy Castle's TLS provider on each engine it wraps, constructing
        // one if it can, which costs a client that makes one connection a few hundred ms.
        SSLParameters parameters = tls.engine().getSSLParameters();
        parameters.setApplicationProtocols(ALPN);
        tls.engine().setSSLParameters(parameters);
        ch.pipeline()
                .addLast("gate", new ReadGate())
                .addLast("flush", new FlushConsolidationHandler(256, true))
                .addLast("tls", tls)
                .addLast("frames", new FrameDecoder(config.limits()))
                .addLast("framer", new FrameEncoder(config.limits()))
                .addLast("session", new LinkChannel(codec, identity.vatId(), hints, expected, acceptor, dialed,
                        config.handshakeTimeout().toNanos(), config.heartbeat().toNanos()));
    }

    private Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    private Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
