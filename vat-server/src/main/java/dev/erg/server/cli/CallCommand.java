package dev.erg.server.cli;

import dev.erg.captp.SturdyRef;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.client.Invocation;
import dev.erg.server.client.JsonValues;
import dev.erg.server.client.MethodDescription;
import dev.erg.server.client.TurnMarks;
import dev.erg.server.config.SetupException;
import dev.erg.server.durable.Mailbox;
import dev.erg.server.durable.Progress;
import dev.erg.vat.ProblemException;
import dev.erg.wire.PassableRegistry;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vat-server call REF METHOD [ARG...]}: one call to any object, answers printed as JSON. */
@Command(name = "call",
        description = {
                "Calls a method of the object a sturdy ref designates and prints the answer as JSON.",
                "Connects from the user's client identity (made at the first call). A broken answer is printed"
                        + " to stderr, with exit status 1.",
                "If the object describes itself (a `describe` method), arguments are checked against it first.",
                "Remembers how far the server's durable store had come, and warns when a later call finds it"
                        + " behind: restored from an older copy, with acknowledged turns lost."})
final class CallCommand implements Callable<Integer> {

    /** Seconds to wait to connect and for the answer when {@code --timeout} is not given. */
    static final String DEFAULT_TIMEOUT = "10";
    /** The file, in the configuration directory, of what calls saw of each vat's durable store. */
    static final String TURN_MARKS = "turn-marks";

    private final Launch launch;

    @Parameters(index = "0", paramLabel = "STURDY-REF", description = "The captp:// URI of the object.")
    String sturdyRef;

    @Parameters(index = "1", paramLabel = "METHOD", description = "The method's name.")
    String method;

    @Parameters(index = "2..*", paramLabel = "ARG",
            description = "Each argument as a JSON value: 5, 2.5, true, null, '\"text\"', '[1,2]', '{\"k\":1}'.")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = DEFAULT_TIMEOUT,
            description = "How long to wait to connect and for the answer (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--no-describe", description = "Send the arguments as JSON reads them, without asking the object first.")
    boolean noDescribe;

    CallCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws SetupException {
        SturdyRef ref = SturdyRefs.parse(sturdyRef);
        if (!noDescribe) {
            // Checks the JSON before connecting, so a typo costs no round trip.
            Invocation.arguments(method, arguments, Optional.empty());
        }
        try (CapTpClient client = client(launch, timeout)) {
            Object target = client.connect(ref, Object.class);
            Optional<List<MethodDescription>> described = noDescribe ? Optional.empty() : Invocation.describe(client, target);
            List<Object> values = Invocation.arguments(method, arguments, described);
            Object answer = client.call(target, method, values);
            launch.out().println(JsonValues.toJson(answer));
            behind(client, ref).ifPresent(why -> launch.err().println("vat-server: warning: " + why));
        }
        return 0;
    }

    /**
     * Why the vat {@code ref} names is behind what the user's earlier calls saw of its durable
     * store, if it is; remembered in {@value #TURN_MARKS} in the configuration directory. A vat
     * that offers no mailbox, or does not answer, is not checked.
     */
    private Optional<String> behind(CapTpClient client, SturdyRef ref) throws SetupException {
        Progress now;
        try {
            now = client.await(client.connect(Mailbox.of(ref), Mailbox.class).progress());
        } catch (ProblemException e) {
            return Optional.empty();
        }
        try {
            return TurnMarks.in(launch.configDirectory().resolve(TURN_MARKS)).observe(now);
        } catch (UncheckedIOException e) {
            throw new SetupException(e.getMessage() + "; delete it, and the next call starts it again", e);
        }
    }

    /** A client connecting from the user's {@link ClientIdentity}, waiting at most {@code timeoutSeconds}. */
    static CapTpClient client(Launch launch, int timeoutSeconds) throws SetupException {
        if (timeoutSeconds < 1) {
            throw new SetupException("--timeout: " + timeoutSeconds + " (expected: at least 1 second)");
        }
        ClientProcess.prepare();
        try {
            PassableRegistry.Builder registry = PassableRegistry.builder();
            Mailbox.PASSABLES.forEach(registry::add);
            return CapTpClient.start(ClientIdentity.load(launch), registry.build(), Duration.ofSeconds(timeoutSeconds));
        } catch (SSLException e) {
            throw new SetupException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
