package dev.erg.crypto;

import static dev.erg.crypto.Fixtures.ALICE;
import static dev.erg.crypto.Fixtures.BOB;
import static dev.erg.crypto.Fixtures.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Real handshakes over loopback sockets, in every client × server combination of providers. */
class VatTlsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String[] TLS_1_3 = {VatTls.PROTOCOL};

    private static ExecutorService executor;

    @BeforeAll
    static void startExecutor() {
        executor = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stopExecutor() {
        executor.shutdownNow();
    }

    static Stream<Arguments> clientAndServer() {
        return Stream.of(TlsProvider.values()).flatMap(client ->
                Stream.of(TlsProvider.values()).map(server -> Arguments.of(client, server)));
    }

    @ParameterizedTest(name = "client {0}, server {1}")
    @MethodSource("clientAndServer")
    void authenticatesBothSidesByKey(TlsProvider client, TlsProvider server) {
        Connection connection = connect(
                dialing(VatTls.of(ALICE, client), BOB.vatId()), TLS_1_3,
                listening(VatTls.of(BOB, server)), TLS_1_3);

        assertThat(connection.client()).succeedsWithin(TIMEOUT)
                .isEqualTo(new Seen(BOB.vatId(), "TLSv1.3"));
        assertThat(connection.server()).succeedsWithin(TIMEOUT)
                .isEqualTo(new Seen(ALICE.vatId(), "TLSv1.3"));
    }

    @ParameterizedTest(name = "client {0}, server {1}")
    @MethodSource("clientAndServer")
    void dialerRefusesAServerWithAnotherKey(TlsProvider client, TlsProvider server) {
        Connection connection = connect(
                dialing(VatTls.of(ALICE, client), BOB.vatId()), TLS_1_3,
                listening(VatTls.of(MALLORY, server)), TLS_1_3);

        assertThat(refusal(connection.client()))
                .isEqualTo("server vat id: expected " + BOB.vatId() + ", got " + MALLORY.vatId());
        assertThat(connection.server()).failsWithin(TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void listenerRefusesAClientWithAnotherKeyType(TlsProvider provider) throws Exception {
        TrustManager pinBob = VatTls.of(ALICE, provider).trustManagerForDialing(BOB.vatId());
        SSLContext ecClient = SSLContext.getInstance(VatTls.PROTOCOL, provider.jsse());
        ecClient.init(ecKeyManagers(provider), new TrustManager[] {pinBob}, null);

        Connection connection =
                connect(ecClient, TLS_1_3, listening(VatTls.of(BOB, provider)), TLS_1_3);

        assertThat(refusal(connection.server())).isEqualTo(
                "peer certificate key: expected an Ed25519 key, got EC (1.2.840.10045.2.1)");
        // The client may finish its side of the handshake; it learns of the refusal on reading.
        assertThat(connection.client()).failsWithin(TIMEOUT);
    }

    @Test
    void refusesTls12EvenWhenBothSidesEnableIt() {
        Connection connection = connect(
                dialing(VatTls.of(ALICE, TlsProvider.JDK), BOB.vatId()), new String[] {"TLSv1.2"},
                listening(VatTls.of(BOB, TlsProvider.JDK)), new String[] {"TLSv1.3", "TLSv1.2"});

        assertThat(refusal(connection.client()))
                .isEqualTo("protocol: expected TLSv1.3, got TLSv1.2");
        assertThat(connection.server()).failsWithin(TIMEOUT);
    }

    /** What one end learned: who the peer is and which protocol they speak. */
    record Seen(VatId peer, String protocol) {
    }

    /** Both ends of one attempted connection, each done once it has had one round trip. */
    record Connection(CompletableFuture<Seen> client, CompletableFuture<Seen> server) {
    }

    private static SSLContext dialing(VatTls tls, VatId expected) {
        return context(tls, tls.trustManagerForDialing(expected));
    }

    private static SSLContext listening(VatTls tls) {
        return context(tls, tls.trustManagerForListening());
    }

    private static SSLContext context(VatTls tls, TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance(VatTls.PROTOCOL, tls.jsseProvider());
            context.init(
                    new KeyManager[] {tls.keyManager()}, new TrustManager[] {trust}, null);
            return context;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Connection connect(SSLContext client, String[] clientProtocols,
            SSLContext server, String[] serverProtocols) {
        SSLServerSocket listener;
        try {
            listener = (SSLServerSocket) server.getServerSocketFactory()
                    .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        listener.setEnabledProtocols(serverProtocols);
        listener.setNeedClientAuth(true);
        CompletableFuture<Seen> serverEnd = CompletableFuture.supplyAsync(() -> {
            try (listener; SSLSocket socket = (SSLSocket) listener.accept()) {
                configure(socket);
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                int ping = in.read();
                out.write(ping + 1);
                out.flush();
                return seen(socket);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, executor);
        CompletableFuture<Seen> clientEnd = CompletableFuture.supplyAsync(() -> {
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setEnabledProtocols(clientProtocols);
                configure(socket);
                OutputStream out = socket.getOutputStream();
                out.write(41);
                out.flush();
                int pong = socket.getInputStream().read();
                if (pong != 42) {
                    throw new IOException("expected 42 from the server, got " + pong);
                }
                return seen(socket);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, executor);
        CompletableFuture.allOf(clientEnd, serverEnd).exceptionally(ignored -> null).join();
        return new Connection(clientEnd, serverEnd);
    }

    private static Seen seen(SSLSocket socket) throws IOException {
        return new Seen(VatTls.peerOf(socket.getSession()), socket.getSession().getProtocol());
    }

    private static void configure(SSLSocket socket) throws IOException {
        // Without it, Nagle's algorithm holds back handshake flights for tens of milliseconds.
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        socket.startHandshake();
    }

    /** The message of this side's refusal in the failure of {@code end}. */
    private static String refusal(CompletableFuture<Seen> end) {
        assertThat(end).failsWithin(TIMEOUT);
        try {
            end.get();
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return VatTls.refusalIn(e.getCause())
                    .orElseThrow(() -> new AssertionError("no refusal in", e.getCause()))
                    .getMessage();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Key managers that present an EC certificate, in the objects each provider wants. */
    private static KeyManager[] ecKeyManagers(TlsProvider provider) throws Exception {
        KeyPair keys = Fixtures.ecKeyPair();
        Certificate certificate = provider.certificate(Fixtures.ecCertificate(keys).getEncoded());
        KeyStore store = KeyStore.getInstance("PKCS12", BouncyCastle.PROVIDER);
        store.load(null, null);
        store.setKeyEntry("ec", keys.getPrivate(), new char[0], new Certificate[] {certificate});
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", provider.jsse());
        factory.init(store, new char[0]);
        return factory.getKeyManagers();
    }
}
