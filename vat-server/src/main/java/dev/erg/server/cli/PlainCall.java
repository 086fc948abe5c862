package dev.erg.server.cli;

import java.util.List;
import java.util.Optional;

/**
 * {@code call REF METHOD [ARG...]} without options, read without picocli. It is the command
 * scripts run most, one process per call, and picocli spends a few hundred milliseconds
 * building the whole command line, in classes the launcher's class archive cannot hold.
 * Every other form (an option, an argument starting with {@code -} or {@code @}, a missing
 * method) goes to picocli, so help, errors and negative numbers read as before.
 */
final class PlainCall {

    private PlainCall() {
    }

    /** The call {@code args} asks for, if it is a plain one. */
    static Optional<CallCommand> parse(Launch launch, String... args) {
        if (args.length < 3 || !args[0].equals("call")) {
            return Optional.empty();
        }
        List<String> rest = List.of(args).subList(1, args.length);
        // picocli reads "-..." as options (or negative numbers) and "@file" as more arguments.
        if (rest.stream().anyMatch(arg -> arg.startsWith("-") || arg.startsWith("@"))) {
            return Optional.empty();
        }
        CallCommand call = new CallCommand(launch);
        call.sturdyRef = rest.get(0);
        call.method = rest.get(1);
        call.arguments.addAll(rest.subList(2, rest.size()));
        call.timeout = Integer.parseInt(CallCommand.DEFAULT_TIMEOUT);
        return Optional.of(call);
    }
}
