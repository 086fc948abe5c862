package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The watches of one vat share their dials rather than each dialing a peer that is away. */
class WatchDialTest {

    @Test
    void watchesOfOneVatShareTheDialInFlight() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        // A port that accepts and never answers: a dial to it stays in flight until its handshake times out.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             VatRuntime runtime = VatRuntime.create();
             Node node = Node.start(Peers.identity(41), runtime, NetConfig.defaults(), PassableRegistry.empty())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    // The test is over.
                }
            });
            SturdyRef ref = new SturdyRef(Peers.identity(42).vatId(),
                    List.of(InetSocketAddress.createUnresolved("127.0.0.1", silent.getLocalPort())),
                    SwissNumber.random(new SecureRandom()));
            Vat watcher = runtime.newVat("watcher");
            AvailabilityListener listener = watcher.export(() -> { }, AvailabilityListener.class);
            try (Node.Watch first = node.watch(ref, listener);
                 Node.Watch second = node.watch(ref, listener);
                 Node.Watch third = node.watch(ref, listener)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (accepted.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(accepted).as("the first dial arrived").isNotEmpty();
                Thread.sleep(300);
                assertThat(accepted).as("three watches, one dial").hasSize(1);
            } finally {
                silent.close();
                acceptor.join();
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }
}
