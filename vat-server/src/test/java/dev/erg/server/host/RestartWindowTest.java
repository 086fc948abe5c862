package dev.erg.server.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.captp.SturdyRef;
import dev.erg.server.FreePort;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.services.Counter;
import dev.erg.server.services.CounterMaker;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.server.store.DataDir;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.wire.PassableRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartWindowTest {

    @TempDir
    Path tmp;

    /** A counter maker that, once closed, holds the start inside make until opened. */
    private static final class GatedMaker implements ServiceMaker {
        private final CounterMaker counters = new CounterMaker();
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private final CountDownLatch entered = new CountDownLatch(1);

        @Override
        public String name() {
            return "counter";
        }

        @Override
        public Object make(ServiceContext context) {
            CountDownLatch held = gate;
            if (held.getCount() > 0) {
                entered.countDown();
                try {
                    held.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return counters.make(context);
        }
    }

    @Test
    void aRestartingServerTurnsDialersAwayUntilItsSturdyRefsAreServed() throws Exception {
        DataDir dir = DataDir.init(tmp.resolve("data"), "listen = 127.0.0.1:" + FreePort.pick() + "\nservice.counter = counter\n",
                null);
        GatedMaker maker = new GatedMaker();
        ServiceRegistry makers = ServiceRegistry.of(List.of(maker));
        try (CapTpClient client = CapTpClient.start(PassableRegistry.builder().build(), Duration.ofSeconds(10))) {
            SturdyRef ref;
            try (VatServer server = VatServer.start(dir, null, makers)) {
                ref = server.services().getFirst().sturdyRef();
                assertThat(client.await(client.connect(ref, Counter.class).increment(5))).isEqualTo(5L);
            }

            CountDownLatch gate = new CountDownLatch(1);
            maker.gate = gate;
            CompletableFuture<VatServer> restarting = CompletableFuture.supplyAsync(() -> {
                try {
                    return VatServer.start(dir, null, makers);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!maker.entered.await(10, TimeUnit.MILLISECONDS) && !restarting.isDone()
                        && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(restarting).as("the restart waits in the service maker").isNotDone();
                assertThatThrownBy(() -> client.connect(ref, Counter.class))
                        .as("a dialer during the start is turned away as by a server that does not host the vat, not told NotFound")
                        .isInstanceOf(ProblemException.class)
                        .extracting(e -> ((ProblemException) e).problem().kind()).isEqualTo(Problem.UNAVAILABLE);
            } finally {
                gate.countDown();
            }
            try (VatServer again = restarting.get(30, TimeUnit.SECONDS)) {
                assertThat(client.await(client.connect(ref, Counter.class).increment(1))).isEqualTo(6L);
            }
        }
    }
}
