package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.captp.session.Session;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.spi.RemoteTarget;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A send that races the loss of its session must still break, like every other question: a
 * promise that never settles is what a partition must not leave behind ({@link PartitionTest}
 * checks it end to end, but there the window is nanoseconds wide).
 *
 * <p>The interleaving is forced deterministically: the first send holds the session's lock
 * (it is inside {@code Outbound.send}) while a second thread, having found the session alive,
 * waits for that lock; the session is then lost, re-entrantly, before the second thread gets
 * the lock.
 */
class SessionLossRaceTest {

    @Test
    void aSendThatFoundTheSessionAliveButQueuedBehindItsLossStillBreaks() throws Exception {
        Problem gone = new Problem(Problem.UNAVAILABLE, "connection to vat peer lost: reset");
        AtomicReference<Promise<Object>> raced = new AtomicReference<>();
        AtomicReference<Thread> racer = new AtomicReference<>();
        AtomicBoolean first = new AtomicBoolean(true);
        try (VatRuntime runtime = VatRuntime.create()) {
            Vat vat = runtime.newVat("session");
            Session[] session = new Session[1];
            session[0] = new Session(vat, message -> {
                if (!first.compareAndSet(true, false)) {
                    return;
                }
                // Still inside the first send, holding the session's lock. (The racer must not
                // call peerBootstrap(), which takes the lock before sendTo's check.)
                RemoteTarget bootstrap = session[0].peerBootstrap();
                Thread t = new Thread(() -> raced.set(Ref.send(bootstrap, "ping")), "racer");
                racer.set(t);
                t.start();
                while (t.getState() != Thread.State.BLOCKED) {
                    Thread.onSpinWait(); // it found the session alive and waits for the lock
                }
                session[0].lost(gone);
            }, vat.export(new PartitionTest.Server(), PartitionTest.Service.class), "peer");

            Promise<Object> firstAnswer = Ref.send(session[0].peerBootstrap(), "ping");
            racer.get().join(5_000);

            assertThat(firstAnswer.problemOrNull()).as("the question asked before the loss").isEqualTo(gone);
            assertThat(session[0].problem()).isEqualTo(gone);
            assertThat(raced.get().problemOrNull()).as("the question that raced the loss").isEqualTo(gone);
        }
    }
}
