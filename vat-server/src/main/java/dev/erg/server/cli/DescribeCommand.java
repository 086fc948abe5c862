package dev.erg.server.cli;

import dev.erg.captp.SturdyRef;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.client.Invocation;
import dev.erg.server.client.MethodDescription;
import dev.erg.server.config.SetupException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vat-server describe REF}: the methods an object answers, if it describes itself. */
@Command(name = "describe",
        description = "Lists the methods of the object a sturdy ref designates, if it describes itself"
                + " (it answers `describe`; see dev.erg.server.spi.Describable).")
final class DescribeCommand implements Callable<Integer> {

    private final Launch launch;

    @Parameters(index = "0", paramLabel = "STURDY-REF", description = "The captp:// URI of the object.")
    String sturdyRef;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait to connect and for the answer (default: ${DEFAULT-VALUE}).")
    int timeout;

    DescribeCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws SetupException {
        SturdyRef ref = SturdyRefs.parse(sturdyRef);
        try (CapTpClient client = CallCommand.client(launch, timeout)) {
            Optional<List<MethodDescription>> described = Invocation.describe(client, client.connect(ref, Object.class));
            if (described.isEmpty()) {
                throw new CommandFailure("the object does not describe itself (it has no `describe` method"
                        + " answering by the Describable convention); call its methods by name with `vat-server call`");
            }
            described.get().forEach(m -> launch.out().println(m.signature()));
        }
        return 0;
    }
}
