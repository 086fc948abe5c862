package dev.erg.net;

import dev.erg.crypto.TlsProvider;
import dev.erg.crypto.VatIdentity;
import dev.erg.crypto.VatTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * A TLS server that does what an honest listener does not: it ignores the server name, shows
 * one key whatever vat is asked for, selects one ALPN protocol, and writes given bytes once
 * the handshake is done, then nothing more. Each connection is held until the dialer closes it.
 */
final class Impostor implements AutoCloseable {

    private final SSLServerSocket server;

    private Impostor(SSLServerSocket server) {
        this.server = server;
    }

    /** An impostor with {@code identity}'s key that selects {@code protocol} and then sends {@code bytes}. */
    static Impostor start(VatIdentity identity, String protocol, byte[] bytes) throws Exception {
        VatTls tls = VatTls.of(identity, TlsProvider.JDK);
        SSLContext context = SSLContext.getInstance(VatTls.PROTOCOL, tls.jsseProvider());
        context.init(new KeyManager[] {tls.keyManager()}, new TrustManager[] {tls.trustManagerForListening()}, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 8, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    SSLSocket socket = (SSLSocket) server.accept();
                    Thread.ofVirtual().start(() -> serve(socket, protocol, bytes));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return new Impostor(server);
    }

    private static void serve(SSLSocket socket, String protocol, byte[] bytes) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setHandshakeApplicationProtocolSelector((s, offered) -> protocol);
            socket.startHandshake();
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // Held open until the dialer closes.
            }
        } catch (IOException ended) {
            // The dialer gave up on it, as it should.
        }
    }

    /** Where it listens, as a location hint. */
    List<String> hints() {
        return List.of("127.0.0.1:" + server.getLocalPort());
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
