package dev.erg.bench.wire;

import dev.erg.bench.captp.PeerProcess;
import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSsl;
import io.grpc.stub.ClientCalls;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/**
 * One gRPC server process ({@link GrpcPeer}) and one channel to it, shared by the unary and
 * the streaming rows: TLS with this run's key and trust stores, gRPC's default TLS provider,
 * answers delivered on the transport's threads ({@code directExecutor}).
 */
final class GrpcChannel implements AutoCloseable {

    private final PeerProcess peer;
    private final ManagedChannel channel;
    private final String transport;

    GrpcChannel(TlsFiles tls) throws Exception {
        peer = PeerProcess.start(GrpcPeer.class, tls.dir().toString(), tls.password());
        ChannelCredentials credentials = TlsChannelCredentials.newBuilder()
                .keyManager(tls.keyManagers().getKeyManagers())
                .trustManager(tls.trustManagers().getTrustManagers()).build();
        channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", Integer.parseInt(peer.address())),
                credentials).overrideAuthority("localhost").directExecutor().build();
        ClientCall<byte[], byte[]> probe = channel.newCall(GrpcEcho.CALL, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS));
        Payload.sequence(ClientCalls.blockingUnaryCall(probe, Payload.of(0)));
        SSLSession session = probe.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        transport = (session == null ? "TLS (session not exposed)" : session.getProtocol() + ", " + session.getCipherSuite())
                + ", " + (OpenSsl.isAvailable() ? "BoringSSL (netty-tcnative, shaded in grpc-netty-shaded)" : "JDK provider")
                + ", HTTP/2, mutual (EC P-256 self-signed, client certificate required)";
    }

    ManagedChannel channel() {
        return channel;
    }

    String transport() {
        return transport;
    }

    long serverPid() {
        return peer.pid();
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
        peer.close();
    }
}
