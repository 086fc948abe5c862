package dev.erg.server.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a {@link StopSignal}. Handling them, rather than letting the JVM run
 * its shutdown hooks, lets the server stop in order on the main thread and exit with status
 * 0, as a service manager expects of a clean stop.
 */
final class OsSignals implements StopSignal {

    private final CountDownLatch stop = new CountDownLatch(1);

    private OsSignals() {
    }

    /** Handles SIGTERM and SIGINT from now on, where the platform has them. */
    static OsSignals install() {
        OsSignals signals = new OsSignals();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> signals.stop.countDown());
            } catch (IllegalArgumentException unsupported) {
                // No such signal here: the JVM's own handling, and the shutdown hook, remain.
            }
        }
        return signals;
    }

    @Override
    public void await() throws InterruptedException {
        stop.await();
    }
}
