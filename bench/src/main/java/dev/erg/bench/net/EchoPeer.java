package dev.erg.bench.net;

import dev.erg.crypto.TlsProvider;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.link.Link;
import dev.erg.net.link.LinkHandler;
import dev.erg.net.NetConfig;
import dev.erg.net.link.Transport;
import dev.erg.wire.codec.Message;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.codec.ReferenceEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The far end of the framed-message benchmark, run as its own process: it echoes every
 * message back over the same connection, over our TLS pipeline or over plain TCP with the
 * same framing and codec. It prints {@code READY <port>} and exits when its stdin closes.
 *
 * <p>Usage: {@code EchoPeer tls <keyFile> <JDK|BOUNCY_CASTLE>} or {@code EchoPeer tcp}
 */
public final class EchoPeer {

    private EchoPeer() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        if (args[0].equals("tls")) {
            VatIdentity identity = VatIdentity.load(Path.of(args[1]), null);
            NetConfig config = NetConfig.defaults().withTlsProvider(TlsProvider.valueOf(args[2]));
            try (Transport transport = Transport.start(identity, config, PassableRegistry.empty())) {
                InetSocketAddress bound = transport.listen(any, link -> new LinkHandler() {
                    @Override
                    public void received(Link from, Message message) {
                        from.send(message, ReferenceEncoder.none());
                    }

                    @Override
                    public void closed(Link from, String reason) {
                    }
                });
                serveUntilStdinCloses(bound.getPort());
            }
        } else {
            MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
            try {
                var server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(PlainFraming.pipeline((ctx, m) -> {
                            ByteBuf out = ctx.alloc().buffer();
                            PlainFraming.CODEC.encode(m, ReferenceEncoder.none(), out);
                            ctx.writeAndFlush(out, ctx.voidPromise());
                        })).bind(any).sync().channel();
                serveUntilStdinCloses(((InetSocketAddress) server.localAddress()).getPort());
            } finally {
                group.shutdownGracefully().sync();
            }
        }
    }

    private static void serveUntilStdinCloses(int port) throws Exception {
        System.out.println("READY " + port);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        while (in.readLine() != null) {
            // Nothing to read; the parent closes stdin to stop us.
        }
    }
}
