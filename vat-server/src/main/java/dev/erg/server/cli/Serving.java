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
     * own, waits for the stop signal or for a client's {@code stop}, then stops in order;
     * returns the exit status. On a {@code firstRun} it also says on stderr what to try next.
     */
    static int serve(Launch launch, DataDir dir, char[] passphrase, boolean firstRun)
            throws SetupException, InterruptedException {
        StopSignal stop = launch.stop().get();
        VatServer server = VatServer.start(dir, passphrase, launch.makers(), launch.env());
        // Stops the server on the exits the stop signal does not cover (another signal, System.exit).
        Thread hook = new Thread(server::close, "erg-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Thread signal = Thread.ofPlatform().daemon().name("erg-stop-signal").start(() -> {
            try {
                stop.await();
                server.requestStop();
            } catch (InterruptedException stoppedOtherwise) {
                // The server was asked to stop through its admin object.
            }
        });
        try {
            for (HostedService service : server.services()) {
                launch.out().println(service.sturdyRef());
            }
            launch.out().flush();
            server.ocapnLocator().ifPresent(locator -> {
                launch.err().println("ocapn: " + locator);
                launch.err().flush();
            });
            server.inspectorUrl().ifPresent(url -> {
                launch.err().println("inspector: " + url);
                launch.err().flush();
            });
            if (firstRun) {
                hint(launch, server);
            }
            server.awaitStopRequest();
        } finally {
            signal.interrupt();
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting; the hook has nothing left to do.
            }
        }
        return 0;
    }

    /** The commands a new user can paste, with the real sturdy ref of the sample service. */
    private static void hint(Launch launch, VatServer server) {
        String command = launch.command();
        launch.err().println("try, from another terminal in this directory:");
        server.services().stream().filter(s -> s.name().equals(InitCommand.SAMPLE)).findFirst().ifPresent(sample ->
                launch.err().println("  " + command + " call " + sample.sturdyRef() + " increment 5"));
        launch.err().println("  " + command + " stop");
        launch.err().flush();
    }
}
