package dev.erg.server.cli;

import dev.erg.server.config.SetupException;
import dev.erg.server.store.DataDir;
import dev.erg.server.store.LockState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code vat-server inspector-url}: prints the capability URL of the inspector page of the
 * server running on a data directory, which it writes to {@code inspector.url} there, readable
 * by its owner only: reading the directory is the authority to look, as for {@code admin.ref}.
 */
@Command(name = "inspector-url",
        description = {
                "Prints the address of the inspector page of the server running on the data directory:"
                        + " a live view of its vats, sessions, queues and outboxes. Open it in a browser on the same"
                        + " machine; whoever has the address may look, so keep it as you keep admin.ref.",
                "Fails if no server runs there, or if its configuration leaves inspector.port off."})
final class InspectorUrlCommand implements Callable<Integer> {

    private final Launch launch;

    @Mixin
    DataOptions data;

    InspectorUrlCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws SetupException {
        DataDir dir = DataDir.open(launch.resolve(data.data));
        if (dir.lockState() instanceof LockState.Free free) {
            throw new CommandFailure(AdminConnection.notRunning(dir, free));
        }
        String url;
        try {
            url = Files.readString(dir.inspectorUrlFile()).strip();
        } catch (NoSuchFileException e) {
            throw new CommandFailure("the vat-server on " + dir.root() + " serves no inspector: set inspector.port in "
                    + dir.root().resolve("erg-server.conf") + " (0 for any free port) and restart it");
        } catch (IOException e) {
            throw new SetupException("cannot read " + dir.inspectorUrlFile() + ": " + e.getMessage(), e);
        }
        launch.out().println(url);
        return 0;
    }
}
