package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test helper itself: delays are real and keep order, cuts reset, restore accepts, nothing leaks. */
class FaultyProxyTest {

    private ServerSocket echo;
    private final List<Socket> echoed = new CopyOnWriteArrayList<>();
    private Thread echoAcceptor;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoAcceptor = new Thread(() -> {
            while (true) {
                Socket s;
                try {
                    s = echo.accept();
                } catch (IOException e) {
                    return;
                }
                echoed.add(s);
                Thread t = new Thread(() -> {
                    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                        s.setTcpNoDelay(true);
                        in.transferTo(out);
                    } catch (IOException e) {
                        // Reset by the proxy: done.
                    }
                }, "echo");
                t.setDaemon(true);
                t.start();
            }
        }, "echo-accept");
        echoAcceptor.setDaemon(true);
        echoAcceptor.start();
    }

    @AfterEach
    void stopEcho() throws Exception {
        echo.close();
        for (Socket s : echoed) {
            s.close();
        }
        echoAcceptor.join(2_000);
    }

    private InetSocketAddress echoAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort());
    }

    private static Socket dial(FaultyProxy proxy) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setTcpNoDelay(true);
        s.setSoTimeout(5_000);
        return s;
    }

    @Test
    void everyChunkIsDelayedEachWayAndArrivesInOrder() throws Exception {
        try (FaultyProxy proxy = FaultyProxy.start(echoAddress(), Duration.ofMillis(30)); Socket s = dial(proxy)) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            long start = System.nanoTime();
            out.write(7);
            assertThat(in.read()).isEqualTo(7);
            long roundTrip = System.nanoTime() - start;
            assertThat(Duration.ofNanos(roundTrip)).as("round trip through a 30 ms proxy").isGreaterThanOrEqualTo(Duration.ofMillis(60));

            // Many small writes, each its own chunk: they come back in the order written.
            for (int i = 0; i < 200; i++) {
                out.write(new byte[] {(byte) i, (byte) (i >> 8)});
            }
            for (int i = 0; i < 200; i++) {
                assertThat(in.read() | in.read() << 8).isEqualTo(i);
            }
            assertThat(proxy.accepted()).isEqualTo(1);
            // Each byte was counted before it was written, so before the echo could be read.
            assertThat(proxy.forwardedBytes()).as("bytes forwarded both ways").isEqualTo(2 * (1 + 400));
        }
    }

    @Test
    void aCutResetsConnectionsAndRefusesNewOnesUntilRestored() throws Exception {
        try (FaultyProxy proxy = FaultyProxy.start(echoAddress(), Duration.ZERO)) {
            Socket before = dial(proxy);
            before.getOutputStream().write(1);
            assertThat(before.getInputStream().read()).isEqualTo(1);

            proxy.cut();
            assertThat(endOf(before)).isTrue();
            assertThat(proxy.open()).isZero();

            Socket during = dial(proxy); // the kernel accepts; the proxy resets it at once
            assertThat(endOf(during)).isTrue();
            assertThat(proxy.refused()).isEqualTo(1);

            proxy.restore();
            try (Socket after = dial(proxy)) {
                after.getOutputStream().write(2);
                assertThat(after.getInputStream().read()).isEqualTo(2);
            }
            assertThat(proxy.accepted()).isEqualTo(2);
            before.close();
            during.close();
            proxy.close();
            assertThat(proxy.liveThreads()).isEmpty();
        }
    }

    /** Whether the connection ended (end of stream or reset) rather than timing out. */
    private static boolean endOf(Socket s) {
        try {
            return s.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
