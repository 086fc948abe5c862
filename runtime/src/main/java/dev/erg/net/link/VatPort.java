package dev.erg.net.link;

import dev.erg.crypto.HostedKeys;
import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.crypto.VatServerName;
import dev.erg.crypto.VatTls;
import dev.erg.net.NetConfig;
import dev.erg.vat.PeerFault;
import dev.erg.vat.spi.Refs;
import dev.erg.wire.codec.Bytes;
import dev.erg.wire.codec.FrameBudget;
import dev.erg.wire.codec.FrameDecoder;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.Moved;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.StandardConstants;

/**
 * One listening TCP port shared by the vats of one server (ADR 6). Each dialer names the vat
 * it wants by TLS server name ({@link VatServerName}); the port presents that vat's key and
 * hands the connection to the {@link Transport} of that vat. A dialer that names no vat
 * reaches the <em>host</em> vat. A dialer that names a vat not attached here is redirected if
 * the locator knows where the vat lives — the port shows the host key, selects the ALPN
 * protocol {@value VatTls#REDIRECT_PROTOCOL}, sends one {@link Moved} frame and closes — and
 * otherwise fails the handshake with TLS's {@code unrecognized_name} alert.
 *
 * <p>Transports attach and detach while the port runs: a connection whose handshake ends after
 * its vat detached is closed, never handed to the detached transport.
 *
 * <p>The port admits peers within its {@link dev.erg.net.Admission}: a connection past the caps
 * is closed before TLS, a dialer that selects no protocol by ALPN is refused after it, and the
 * frames its connections have announced but not delivered share one {@link FrameBudget}. Each
 * refusal is written to the {@link Audit audit trail}.
 */
public final class VatPort implements AutoCloseable {

    private static final String SESSION_PROTOCOL = Message.StartSession.PROTOCOL_VERSION;

    private final NetConfig config;
    private final EventLoops loops;
    private final boolean ownsLoops;
    private final HostedKeys keys;
    private final Function<VatId, List<String>> locator;
    private final Map<VatId, Attached> attached = new ConcurrentHashMap<>();
    /** The listening channel and the connections not yet handed to a transport. */
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final SslContext context;
    private final ConnectionCaps caps;
    private final FrameBudget frames;
    private volatile InetSocketAddress address;

    /** A vat accepting here: its transport, and what makes the handler of each new link. */
    private record Attached(Transport transport, Function<Link, LinkHandler> acceptor) {
    }

    private VatPort(VatTls host, NetConfig config, EventLoops loops, boolean ownsLoops,
                    Function<VatId, List<String>> locator) {
        this.config = config;
        this.loops = loops;
        this.ownsLoops = ownsLoops;
        this.keys = HostedKeys.of(host);
        this.locator = locator;
        this.caps = new ConnectionCaps(config.admission());
        this.frames = new FrameBudget(config.admission().maxPartialFrameBytes());
        try {
            this.context = SslContextBuilder.forServer(keys.keyManager())
                    .sslProvider(SslProvider.JDK)
                    .sslContextProvider(host.jsseProvider())
                    .trustManager(host.trustManagerForListening())
                    .clientAuth(ClientAuth.REQUIRE)
                    .protocols(VatTls.PROTOCOL)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for listening: " + e.getMessage(), e);
        }
    }

    /**
     * A port bound to {@code address}, with I/O threads of its own, whose host vat is
     * {@code host}. {@code locator} says where a vat not attached here lives ({@code host:port}
     * hints, none if it does not know); it is asked on an I/O thread during handshakes, so it
     * must answer from memory at once.
     *
     * @throws InterruptedException  if interrupted while binding
     * @throws IllegalStateException if the TLS provider cannot make a server context
     */
    public static VatPort bind(InetSocketAddress address, VatIdentity host, NetConfig config,
                               Function<VatId, List<String>> locator) throws InterruptedException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(locator, "locator");
        EventLoops loops = EventLoops.start(config.ioThreads());
        try {
            return bind(address, VatTls.of(host, config.tlsProvider()), config, loops, true, locator);
        } catch (InterruptedException | RuntimeException e) {
            loops.shutdown();
            throw e;
        }
    }

    static VatPort bind(InetSocketAddress address, VatTls host, NetConfig config, EventLoops loops, boolean ownsLoops,
                        Function<VatId, List<String>> locator) throws InterruptedException {
        VatPort port = new VatPort(host, config, loops, ownsLoops, locator);
        Channel server = new ServerBootstrap()
                .group(loops.group())
                .channel(loops.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, Link.WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        port.pipeline(ch);
                    }
                })
                .bind(address).sync().channel();
        port.track(server);
        port.address = (InetSocketAddress) server.localAddress();
        return port;
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return address;
    }

    /** The bound address as the one location hint of the vats here, {@code host:port}. */
    public List<String> hints() {
        return List.of(address.getHostString() + ":" + address.getPort());
    }

    /** The vat a dialer that names none reaches, and whose key a redirect is shown with. */
    public VatId host() {
        return keys.host().vatId();
    }

    /** Whether {@code vat} accepts connections here now. */
    public boolean hosts(VatId vat) {
        return attached.containsKey(vat);
    }

    /**
     * Makes {@code transport}'s vat accept connections here: a dialer naming it is shown its
     * key, and each link established with it is given to {@code acceptor}.
     *
     * @throws IllegalArgumentException if {@code transport} uses another TLS provider than the
     *                                  host, or another transport of the same vat is attached
     */
    public void attach(Transport transport, Function<Link, LinkHandler> acceptor) {
        Objects.requireNonNull(acceptor, "acceptor");
        if (transport.tls().provider() != keys.host().provider()) {
            throw new IllegalArgumentException("vat " + transport.vatId() + " uses " + transport.tls().provider()
                    + " but this port's host uses " + keys.host().provider());
        }
        Attached previous = attached.putIfAbsent(transport.vatId(), new Attached(transport, acceptor));
        if (previous != null && previous.transport() != transport) {
            throw new IllegalArgumentException("another transport of vat " + transport.vatId() + " is attached");
        }
        if (!transport.vatId().equals(host())) {
            keys.put(transport.tls());
        }
    }

    /**
     * Stops {@code transport}'s vat accepting connections here: from now on a dialer naming it
     * is redirected or refused. Its established links are left as they are. Returns whether it
     * was attached.
     */
    public boolean detach(Transport transport) {
        Attached current = attached.get(transport.vatId());
        if (current == null || current.transport() != transport || !attached.remove(transport.vatId(), current)) {
            return false;
        }
        keys.remove(transport.vatId());
        return true;
    }

    /** Closes the listening channel, the connections not yet handed over, and the I/O threads if its own. */
    @Override
    public void close() {
        for (Channel channel : channels) {
            channel.close();
        }
        if (ownsLoops) {
            loops.shutdown();
        }
    }

    NetConfig config() {
        return config;
    }

    /** Connections open at this port, handshaking or handed over. */
    public int connections() {
        return caps.open();
    }

    /** Bytes that frames announced on this port's connections, and not yet complete, hold now. */
    public long partialFrameBytes() {
        return frames.held();
    }

    EventLoops loops() {
        return loops;
    }

    private void track(Channel ch) {
        channels.add(ch);
        ch.closeFuture().addListener(f -> channels.remove(ch));
    }

    private void pipeline(SocketChannel ch) {
        String refused = caps.admit(ch);
        if (refused != null) {
            Refs.countFault(PeerFault.CONNECTION_REFUSED);
            Audit.refused("connection", ch.remoteAddress(), null, refused);
            ch.close();
            return;
        }
        track(ch);
        SslHandler tls = context.newHandler(ch.alloc());
        Route route = new Route();
        SSLEngine engine = tls.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setSNIMatchers(List.of(route.matcher()));
        engine.setSSLParameters(parameters);
        engine.setHandshakeApplicationProtocolSelector((e, offered) -> route.select(offered));
        ch.pipeline()
                .addLast("gate", new ReadGate())
                .addLast("flush", new FlushConsolidationHandler(256, true))
                .addLast("tls", tls)
                .addLast("route", route);
    }

    /** Where the locator says {@code vat} lives, cut to what one redirect frame carries. */
    private List<String> locate(VatId vat) {
        List<String> hints;
        try {
            hints = locator.apply(vat);
        } catch (RuntimeException e) {
            LinkFaults.bug("the locator, asked for vat " + vat, e);
            return List.of();
        }
        return hints == null ? List.of() : hints.stream()
                .filter(hint -> hint != null && hint.getBytes(StandardCharsets.UTF_8).length <= Moved.MAX_HINT_BYTES)
                .limit(Moved.MAX_HINTS)
                .toList();
    }

    /**
     * The first handler of an accepted connection after TLS: it decides from the server name
     * where the connection goes, then redirects it or hands it to the transport of the vat
     * whose key was presented.
     */
    private final class Route extends ChannelInboundHandlerAdapter {

        /** The vat the dialer named (null: none), and where it lives if not here; set while TLS reads the ClientHello. */
        private volatile VatId requested;
        private volatile List<String> movedTo;
        private ScheduledFuture<?> timeout;
        private boolean done;

        SNIMatcher matcher() {
            return new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                @Override
                public boolean matches(SNIServerName name) {
                    Optional<VatId> vat = VatServerName.vatOf(name);
                    if (vat.isEmpty()) {
                        return false;
                    }
                    if (attached.containsKey(vat.get())) {
                        requested = vat.get();
                        return true;
                    }
                    List<String> hints = locate(vat.get());
                    if (hints.isEmpty()) {
                        return false;
                    }
                    requested = vat.get();
                    movedTo = hints;
                    return true;
                }
            };
        }

        /** The ALPN protocol to select among those {@code offered}: null fails the handshake. */
        String select(List<String> offered) {
            String wanted = movedTo != null ? VatTls.REDIRECT_PROTOCOL : SESSION_PROTOCOL;
            return offered.contains(wanted) ? wanted : null;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            timeout = ctx.executor().schedule(() -> {
                if (!done) {
                    done = true;
                    LinkFaults.handshake("timeout", ctx.channel().remoteAddress(), null, "handshake timed out after "
                            + config.handshakeTimeout().toMillis() + " ms");
                    ctx.close();
                }
            }, config.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
            super.channelActive(ctx);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (!(event instanceof SslHandshakeCompletionEvent completion) || done) {
                super.userEventTriggered(ctx, event);
                return;
            }
            done = true;
            timeout.cancel(false);
            if (!completion.isSuccess()) {
                LinkFaults.handshake("tls " + Reasons.rootOf(completion.cause()).getClass().getName(),
                        ctx.channel().remoteAddress(), null, "TLS handshake failed: " + LinkChannel.reasonOf(completion.cause()));
                ctx.close();
                return;
            }
            SSLEngine engine = ctx.pipeline().get(SslHandler.class).engine();
            String protocol = engine.getApplicationProtocol();
            if (VatTls.REDIRECT_PROTOCOL.equals(protocol)) {
                redirect(ctx);
                return;
            }
            if (!SESSION_PROTOCOL.equals(protocol)) {
                // A dialer that offered no ALPN at all: the selector never ran to refuse it.
                LinkFaults.handshake("no alpn", ctx.channel().remoteAddress(), null,
                        "the dialer offered no ALPN protocol (expected: " + SESSION_PROTOCOL + ")");
                ctx.close();
                return;
            }
            VatId presented;
            try {
                presented = VatTls.localOf(engine.getSession());
            } catch (SSLPeerUnverifiedException e) {
                LinkFaults.bug(ctx.channel().remoteAddress(), e);
                ctx.close();
                return;
            }
            Attached vat = attached.get(presented);
            if (vat == null) {
                LinkFaults.handshake("vat not attached", ctx.channel().remoteAddress(), presented,
                        "vat " + presented + " does not accept connections here (not attached, or detached during the handshake)");
                ctx.close();
                return;
            }
            channels.remove(ctx.channel());
            vat.transport().adopt(ctx.channel(), ctx.name(), vat.acceptor(), frames);
            ctx.fireUserEventTriggered(event);
            ctx.pipeline().remove(this);
        }

        /** Sends the one redirect frame and closes: the dialer is to send nothing. */
        private void redirect(ChannelHandlerContext ctx) {
            List<String> hints = movedTo;
            VatId vat = requested;
            if (hints == null || vat == null) {
                ctx.close();
                return;
            }
            byte[] payload = new Moved(Bytes.of(vat.bytes()), hints).encode();
            ByteBuf frame = ctx.alloc().buffer(FrameDecoder.HEADER_BYTES + payload.length)
                    .writeInt(payload.length)
                    .writeBytes(payload);
            ctx.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // Nothing a dialer sends is read before its vat's transport takes the connection over.
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A failed handshake is reported by its completion event; anything else ends the connection.
            ctx.close();
        }
    }
}
