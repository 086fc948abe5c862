package dev.erg.server.cli;

import dev.erg.server.config.SetupException;
import dev.erg.server.host.HostedService;
import dev.erg.server.host.VatServer;
import dev.erg.server.store.DataDir;

/** Runs a server until it is told to stop, printing the sturdy ref of each hosted service. */
final class Serving {

    private Serving() {
    }

    /**
     * Starts the server of {@code dir}, prints one sturdy ref per service on a line of its
     * own, waits for the stop signal, then stops in order; returns the exit status.
     */
    static int serve(Launch launch, DataDir dir, char[] passphrase) throws SetupException, InterruptedException {
        StopSignal stop = launch.stop().get();
        VatServer server = VatServer.start(dir, passphrase, launch.makers());
        // Stops the server on the exits the stop signal does not cover (another signal, System.exit).
        Thread hook = new Thread(server::close, "erg-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (HostedService service : server.services()) {
                launch.out().println(service.sturdyRef());
            }
            launch.out().flush();
            stop.await();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting; the hook has nothing left to do.
            }
        }
        return 0;
    }
}
