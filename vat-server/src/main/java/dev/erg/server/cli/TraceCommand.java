package dev.erg.server.cli;

import dev.erg.trace.TraceContext;
import dev.erg.trace.TraceEvent;
import dev.erg.trace.TraceFile;
import dev.erg.trace.TraceGraph;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vat-server trace why|graph|find}: merges the trace files of one or more servers
 * (written where {@code ERG_TRACE_FILE} says) into the message-order graph and reads it.
 */
@Command(name = "trace", description = "Reads trace files of one or more servers, merged into one causality graph.")
final class TraceCommand {

    private final Launch launch;

    TraceCommand(Launch launch) {
        this.launch = launch;
    }

    @Command(name = "why", description = {
            "Says why the answer of message ID broke: the answers it followed back to the first that broke,",
            "and the turns and messages that led to the turn where that one broke."})
    int why(@Option(names = "--promise", required = true, paramLabel = "ID",
                    description = "The span id (16 hex digits) of the message whose answer broke.") String id,
            @Parameters(paramLabel = "FILE", arity = "1..*", description = "Trace files, of any servers.") List<Path> files) {
        TraceGraph graph = TraceGraph.of(read(files));
        long span = TraceContext.parseSpan(id);
        Optional<TraceGraph.Why> why = graph.why(span);
        if (why.isEmpty()) {
            throw new CommandFailure(graph.message(span).isEmpty()
                    ? "no message " + id + " in these files"
                    : "the answer of " + id + " did not break, as far as these files tell");
        }
        why.get().lines().forEach(launch.out()::println);
        return 0;
    }

    @Command(name = "graph", description = "Prints every message of the trace that message ID belongs to, each after the turn that sent it.")
    int graph(@Option(names = "--message", required = true, paramLabel = "ID",
                      description = "The span id (16 hex digits) of a message of the trace.") String id,
              @Parameters(paramLabel = "FILE", arity = "1..*", description = "Trace files, of any servers.") List<Path> files) {
        TraceGraph graph = TraceGraph.of(read(files));
        List<TraceGraph.Message> trace = graph.traceOf(TraceContext.parseSpan(id));
        if (trace.isEmpty()) {
            throw new CommandFailure("no message " + id + " in these files");
        }
        trace.forEach(m -> print(m, launch.out()));
        return 0;
    }

    @Command(name = "find", description = "Lists the messages labelled LABEL (Iface.method, when or run), in the order sent.")
    int find(@Option(names = "--label", required = true, paramLabel = "LABEL", description = "What the messages are.")
             String label,
             @Parameters(paramLabel = "FILE", arity = "1..*", description = "Trace files, of any servers.") List<Path> files) {
        TraceGraph.of(read(files)).messagesLabelled(label).forEach(m -> print(m, launch.out()));
        return 0;
    }

    private List<TraceEvent> read(List<Path> files) {
        List<TraceEvent> events = new ArrayList<>();
        for (Path file : files) {
            try {
                events.addAll(TraceFile.read(launch.resolve(file)));
            } catch (IOException e) {
                throw new CommandFailure("cannot read " + file + ": " + e);
            }
        }
        return events;
    }

    private static void print(TraceGraph.Message m, PrintStream out) {
        out.printf("%s %s %s -> %s%s%s%n", m.context().spanId(), m.label(), m.from().isEmpty() ? "?" : m.from(),
                m.to().isEmpty() ? "?" : m.to(),
                m.reactsTo() != 0 ? " reacting to " + TraceContext.spanId(m.reactsTo())
                        : m.sentIn() == 0 ? " (root)" : " sent in " + TraceContext.spanId(m.sentIn()),
                m.outcome().isEmpty() ? "" : ", " + m.outcome());
    }
}
