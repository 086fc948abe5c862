package dev.erg.crypto;

import static dev.erg.crypto.Fixtures.ALICE;
import static dev.erg.crypto.Fixtures.BOB;
import static dev.erg.crypto.Fixtures.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real handshakes with a listener that hosts several vats, in every mix of providers. */
class HostedKeysTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String SESSION = "erg/1";
    private static final VatIdentity HOST = Fixtures.identity(10);

    private static ExecutorService executor;

    @BeforeAll
    static void startExecutor() {
        executor = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stopExecutor() {
        executor.shutdownNow();
    }

    @ParameterizedTest(name = "client {0}, server {1}")
    @MethodSource("dev.erg.crypto.VatTlsTest#clientAndServer")
    void presentsTheKeyOfTheVatTheServerNameNames(TlsProvider client, TlsProvider server) throws Exception {
        HostedKeys keys = hosting(server, BOB, MALLORY);

        assertThat(handshake(client, keys, BOB.vatId(), true, SESSION)).isEqualTo(BOB.vatId());
        assertThat(handshake(client, keys, MALLORY.vatId(), true, SESSION)).isEqualTo(MALLORY.vatId());
        assertThat(handshake(client, keys, HOST.vatId(), true, SESSION)).isEqualTo(HOST.vatId());
    }

    @ParameterizedTest(name = "client {0}, server {1}")
    @MethodSource("dev.erg.crypto.VatTlsTest#clientAndServer")
    void presentsTheHostKeyWithoutAServerName(TlsProvider client, TlsProvider server) throws Exception {
        HostedKeys keys = hosting(server, BOB);

        assertThat(handshake(client, keys, HOST.vatId(), false, SESSION)).isEqualTo(HOST.vatId());
    }

    @ParameterizedTest(name = "client {0}, server {1}")
    @MethodSource("dev.erg.crypto.VatTlsTest#clientAndServer")
    void aRemovedVatsKeyIsNoLongerPresented(TlsProvider client, TlsProvider server) {
        HostedKeys keys = hosting(server, BOB);
        assertThat(keys.remove(BOB.vatId())).isTrue();

        assertThat(keys.presents(BOB.vatId())).isFalse();
        assertThatThrownBy(() -> handshake(client, keys, BOB.vatId(), true, SESSION))
                .satisfies(failure -> assertThat(VatTls.refusalIn(failure)).get()
                        .extracting(Throwable::getMessage)
                        .isEqualTo("server vat id: expected " + BOB.vatId() + ", got " + HOST.vatId()));
    }

    @ParameterizedTest(name = "client {0}, server {1}")
    @MethodSource("dev.erg.crypto.VatTlsTest#clientAndServer")
    void aDialerAcceptsAnotherKeyForARedirectAlone(TlsProvider client, TlsProvider server) throws Exception {
        HostedKeys keys = hosting(server);

        assertThat(handshake(client, keys, ALICE.vatId(), true, VatTls.REDIRECT_PROTOCOL)).isEqualTo(HOST.vatId());
    }

    @Test
    void refusesAVatOfAnotherProviderAndKeepsTheHost() {
        HostedKeys keys = hosting(TlsProvider.JDK);

        assertThatThrownBy(() -> keys.put(VatTls.of(BOB, TlsProvider.BOUNCY_CASTLE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uses BOUNCY_CASTLE");
        assertThat(keys.remove(HOST.vatId())).isFalse();
        assertThat(keys.presents(HOST.vatId())).isTrue();
        assertThat(keys.presents(BOB.vatId())).isFalse();
    }

    private static HostedKeys hosting(TlsProvider provider, VatIdentity... vats) {
        HostedKeys keys = HostedKeys.of(VatTls.of(HOST, provider));
        for (VatIdentity vat : vats) {
            keys.put(VatTls.of(vat, provider));
        }
        return keys;
    }

    /**
     * Dials {@code keys}' listener as vat {@code expected}, naming it as the server name if
     * {@code named}; the listener selects {@code protocol}. Returns the vat id the dialer saw.
     */
    private static VatId handshake(TlsProvider clientProvider, HostedKeys keys, VatId expected, boolean named,
                                   String protocol) throws Exception {
        VatTls host = keys.host();
        SSLContext serverContext = SSLContext.getInstance(VatTls.PROTOCOL, host.jsseProvider());
        serverContext.init(new KeyManager[] {keys.keyManager()}, new TrustManager[] {host.trustManagerForListening()}, null);
        VatTls client = VatTls.of(Fixtures.identity(20), clientProvider);
        SSLContext clientContext = SSLContext.getInstance(VatTls.PROTOCOL, client.jsseProvider());
        clientContext.init(new KeyManager[] {client.keyManager()},
                new TrustManager[] {client.trustManagerForDialing(expected)}, null);
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            CompletableFuture<VatId> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout((int) TIMEOUT.toMillis());
                    socket.setHandshakeApplicationProtocolSelector((s, offered) -> offered.contains(protocol) ? protocol : null);
                    socket.startHandshake();
                    socket.getOutputStream().write(socket.getInputStream().read() + 1);
                    socket.getOutputStream().flush();
                    return VatTls.localOf(socket.getSession());
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, executor);
            VatId seen;
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout((int) TIMEOUT.toMillis());
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setProtocols(new String[] {VatTls.PROTOCOL});
                parameters.setApplicationProtocols(new String[] {SESSION, VatTls.REDIRECT_PROTOCOL});
                if (named) {
                    parameters.setServerNames(List.of(VatServerName.of(expected)));
                }
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                socket.getOutputStream().write(41);
                socket.getOutputStream().flush();
                assertThat(socket.getInputStream().read()).isEqualTo(42);
                assertThat(socket.getApplicationProtocol()).isEqualTo(protocol);
                seen = VatTls.peerOf(socket.getSession());
            } finally {
                served.exceptionally(failure -> null).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            // Closed first by the client: a TLS 1.3 server's close waits for the client's.
            assertThat(served.get()).isEqualTo(seen);
            return seen;
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }
}
