package dev.erg.bench.wire;

import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The server of the gRPC rows, run as its own process: grpc-java on its shaded Netty, serving
 * {@link GrpcEcho} on loopback over TLS with the client's certificate required, calls run on
 * the transport's threads ({@code directExecutor}, as gRPC's own benchmarks run). It prints
 * {@code READY <port>} and exits when its stdin closes.
 *
 * <p>Usage: {@code GrpcPeer <tls dir> <password>}
 */
public final class GrpcPeer {

    private GrpcPeer() {
    }

    public static void main(String[] args) throws Exception {
        TlsFiles tls = PeerMain.tls("GrpcPeer", args);
        ServerCredentials credentials = TlsServerCredentials.newBuilder()
                .keyManager(tls.keyManagers().getKeyManagers())
                .trustManager(tls.trustManagers().getTrustManagers())
                .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE).build();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), credentials)
                .directExecutor().addService(GrpcEcho.service()).build().start();
        try {
            PeerMain.serveUntilStdinCloses(String.valueOf(server.getPort()));
        } finally {
            server.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
