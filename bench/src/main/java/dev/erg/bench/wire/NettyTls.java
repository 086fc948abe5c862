package dev.erg.bench.wire;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * The raw echo's pipeline on both ends: Netty's {@code SslHandler} (TLS 1.3 only, the JDK's
 * provider, the client's certificate required), then 4-byte length framing, nothing else.
 */
public final class NettyTls {

    static final int MAX_FRAME = 1 << 16;

    private NettyTls() {
    }

    public static SslContext server(TlsFiles tls) throws IOException, GeneralSecurityException {
        return SslContextBuilder.forServer(tls.keyManagers()).trustManager(tls.trustManagers())
                .clientAuth(ClientAuth.REQUIRE).protocols("TLSv1.3").sslProvider(SslProvider.JDK).build();
    }

    public static SslContext client(TlsFiles tls) throws IOException, GeneralSecurityException {
        return SslContextBuilder.forClient().keyManager(tls.keyManagers()).trustManager(tls.trustManagers())
                .protocols("TLSv1.3").sslProvider(SslProvider.JDK).build();
    }

    /** Adds TLS and framing in front of {@code handler}. */
    static void pipeline(Channel ch, ChannelHandler tls, ChannelHandler handler) {
        ch.pipeline().addLast(tls, new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 4, 0, 4),
                new LengthFieldPrepender(4), handler);
    }
}
