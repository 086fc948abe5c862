package dev.erg.net.link;

import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.crypto.VatServerName;
import dev.erg.crypto.VatTls;
import dev.erg.net.NetConfig;
import dev.erg.wire.codec.FrameBudget;
import dev.erg.wire.codec.FrameDecoder;
import dev.erg.wire.codec.Message;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.codec.WireCodec;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
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
 * TLS 1.3 connections. Every connection's pipeline reads as a sentence: TLS, then a
 * length-prefixed frame decoder with a maximum, then the session handshake and message decoding
 * ({@link Link}). Outgoing frames are encoded whole, header and all, in one buffer each.
 *
 * <p>A transport either has I/O threads of its own ({@link #start(VatIdentity, NetConfig,
 * PassableRegistry)}) or runs on threads its caller shares among many ({@link #start(VatIdentity,
 * NetConfig, PassableRegistry, EventLoops)}), and listens on a port of its own ({@link #listen});
 * or it shares the threads and the port of a {@link VatPort} with other vats
 * ({@link #start(VatIdentity, PassableRegistry, VatPort)}).
 *
 * <p>I/O threads only decode and hand messages to a {@link LinkHandler}; they never run
 * application code.
 */
public final class Transport implements AutoCloseable {

    /**
     * The protocol names a dialer offers by ALPN: a session, or a redirect to where the vat
     * lives now. A listener selects one of them or fails the handshake (a peer that names none
     * is left to the start-session exchange).
     */
    private static final String[] DIALER_ALPN = {Message.StartSession.PROTOCOL_VERSION, VatTls.REDIRECT_PROTOCOL};

    private final VatIdentity identity;
    private final NetConfig config;
    private final VatTls tls;
    private final WireCodec codec;
    private final EventLoops loops;
    /** Whether {@link #loops} were started for this transport alone, and stop with it. */
    private final boolean ownsLoops;
    /** The port this transport shares, or null if it accepts on ports of its own. */
    private final VatPort shared;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final Set<VatPort> ownPorts = ConcurrentHashMap.newKeySet();
    private volatile List<String> hints;

    private Transport(VatIdentity identity, NetConfig config, PassableRegistry registry, EventLoops loops,
                      boolean ownsLoops, VatPort shared) {
        this.identity = identity;
        this.config = config;
        this.tls = VatTls.of(identity, config.tlsProvider());
        this.codec = new WireCodec(registry, config.limits());
        this.loops = loops;
        this.ownsLoops = ownsLoops;
        this.shared = shared;
        this.hints = shared == null ? List.of() : shared.hints();
    }

    /**
     * A transport for {@code identity}, with I/O threads of its own. {@code registry} names
     * the records and enums that messages may carry.
     *
     * @throws SSLException if the TLS provider cannot be set up with this identity
     */
    public static Transport start(VatIdentity identity, NetConfig config, PassableRegistry registry) throws SSLException {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        return new Transport(identity, config, registry, EventLoops.start(config.ioThreads()), true, null);
    }

    /**
     * A transport for {@code identity} whose connections run on {@code loops}, which the caller
     * shares among transports and shuts down after them; {@code config}'s number of I/O threads
     * is not used.
     *
     * @throws SSLException if the TLS provider cannot be set up with this identity
     */
    public static Transport start(VatIdentity identity, NetConfig config, PassableRegistry registry, EventLoops loops)
            throws SSLException {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(loops, "loops");
        return new Transport(identity, config, registry, loops, false, null);
    }

    /**
     * A transport for {@code identity} that dials on {@code port}'s I/O threads, with its
     * configuration, and accepts on it once {@linkplain VatPort#attach attached}.
     */
    public static Transport start(VatIdentity identity, PassableRegistry registry, VatPort port) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(port, "port");
        return new Transport(identity, port.config(), registry, port.loops(), false, port);
    }

    /** The vat id this transport proves to its peers. */
    public VatId vatId() {
        return identity.vatId();
    }

    /** How this transport's connections talk to their peers. */
    public NetConfig config() {
        return config;
    }

    /** Whether connections use epoll (else NIO). */
    public boolean usesEpoll() {
        return loops.epoll();
    }

    /**
     * Listens on {@code address}, on a port of this transport alone; each connection that
     * completes the session handshake is given to {@code acceptor}, which returns its handler.
     * Returns the bound address (useful with port 0).
     *
     * @throws InterruptedException if interrupted while binding
     * @throws IllegalStateException if the transport shares a port, or the TLS provider
     *                               cannot make a server context
     */
    public InetSocketAddress listen(InetSocketAddress address, Function<Link, LinkHandler> acceptor)
            throws InterruptedException {
        Objects.requireNonNull(acceptor, "acceptor");
        if (shared != null) {
            throw new IllegalStateException("vat " + vatId() + " accepts on the port it shares");
        }
        VatPort port = VatPort.bind(address, tls, config, loops, false, vat -> List.of());
        ownPorts.add(port);
        hints = port.hints();
        port.attach(this, acceptor);
        return port.address();
    }

    /**
     * Dials {@code address} and completes with the link once the peer has proved it is
     * {@code expected} and start-session has been exchanged both ways; completes
     * exceptionally with a {@link LinkException} saying why otherwise, which carries
     * {@linkplain LinkException#redirectHints() where to dial instead} if the listener there
     * redirected this dialer.
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
                .group(loops.group())
                .channel(loops.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, Link.WATER_MARK)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.handshakeTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        dialPipeline(ch, client, expected, handler, dialed);
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

    /**
     * Closes every connection of this vat and the ports it listens on alone, then stops its
     * I/O threads if it has its own. Shared threads and a shared port are left to their owner.
     */
    @Override
    public void close() {
        if (shared != null) {
            shared.detach(this);
        }
        for (VatPort port : ownPorts) {
            port.close();
        }
        for (Channel channel : channels) {
            channel.close();
        }
        if (ownsLoops) {
            loops.shutdown();
        }
    }

    /** The TLS pieces of this vat, for the port that presents its key. */
    VatTls tls() {
        return tls;
    }

    /**
     * Takes over a connection a port accepted for this vat once TLS was done: adds the framing
     * and session handlers after the handler named {@code after}; frames not yet complete hold
     * part of {@code budget}.
     */
    void adopt(Channel ch, String after, Function<Link, LinkHandler> acceptor, FrameBudget budget) {
        track(ch);
        ch.pipeline()
                .addAfter(after, "frames", new FrameDecoder(config.limits(), budget))
                .addAfter("frames", "session", new LinkChannel(codec, identity.vatId(), hints, null, acceptor, null,
                        config.handshakeTimeout().toNanos(), config.heartbeat().toNanos()));
    }

    private void track(Channel ch) {
        channels.add(ch);
        ch.closeFuture().addListener(f -> channels.remove(ch));
    }

    private void dialPipeline(SocketChannel ch, SslContext context, VatId expected, LinkHandler handler,
                              CompletableFuture<Link> dialed) {
        track(ch);
        SslHandler tls = context.newHandler(ch.alloc());
        // ALPN is set on the engine itself, which every JSSE provider honours: Netty's own ALPN
        // support looks for Bouncy Castle's TLS provider on each engine it wraps, constructing
        // one if it can, which costs a client that makes one connection a few hundred ms.
        SSLParameters parameters = tls.engine().getSSLParameters();
        parameters.setApplicationProtocols(DIALER_ALPN);
        parameters.setServerNames(List.of(VatServerName.of(expected)));
        tls.engine().setSSLParameters(parameters);
        ch.pipeline()
                .addLast("gate", new ReadGate())
                .addLast("flush", new FlushConsolidationHandler(256, true))
                .addLast("tls", tls)
                .addLast("frames", new FrameDecoder(config.limits()))
                .addLast("session", new LinkChannel(codec, identity.vatId(), hints, expected, link -> handler, dialed,
                        config.handshakeTimeout().toNanos(), config.heartbeat().toNanos()));
    }
}
