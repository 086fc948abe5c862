package dev.erg.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The message-order graph of the events of one or more trace logs, merged (Causeway's model):
 * each {@link Message} was sent by a turn, received by the turn that runs as the same span,
 * and its answer settled; the turn that received it sent further messages, and a reaction is
 * caused by the answer it reacts to. Logs of several vats or machines are merged by span
 * ids: a message sent on one machine and received on another is one message.
 * {@link #why} answers why an answer broke.
 */
public final class TraceGraph {

    private final Map<Long, TraceEvent> sends = new LinkedHashMap<>();
    private final Map<Long, TraceEvent> begins = new HashMap<>();
    private final Map<Long, TraceEvent> ends = new HashMap<>();
    private final Map<Long, List<TraceEvent>> settles = new HashMap<>();
    private final Map<Long, List<Long>> sentBy = new HashMap<>();

    private TraceGraph(Collection<TraceEvent> events) {
        for (TraceEvent e : events) {
            switch (e.kind()) {
                case SEND -> {
                    if (sends.putIfAbsent(e.span(), e) == null) {
                        sentBy.computeIfAbsent(e.parent(), k -> new ArrayList<>()).add(e.span());
                    }
                }
                case BEGIN -> begins.putIfAbsent(e.span(), e);
                case END -> ends.putIfAbsent(e.span(), e);
                case FULFILL, BREAK -> settles.computeIfAbsent(e.span(), k -> new ArrayList<>()).add(e);
            }
        }
    }

    /** The graph of {@code events}, from any number of logs in any order. */
    public static TraceGraph of(Collection<TraceEvent> events) {
        return new TraceGraph(events);
    }

    /**
     * A message (or reaction, or task) and the turn it caused.
     *
     * @param context  its trace context; its span names the message, its turn and its answer
     * @param label    what it is: {@code Iface.method}, {@code when} or {@code run}
     * @param from     the vat that sent it, or empty if unknown (sent from another machine
     *                 whose log is not merged in)
     * @param sentIn   the span of the turn that sent it, 0 for a root
     * @param to       the vat whose turn received it, or empty if it was not received (yet)
     * @param reactsTo for a reaction, the span of the answer it reacts to, else 0
     * @param outcome  how its answer settled: {@code fulfilled}, {@code broken: KIND: MESSAGE},
     *                 or empty (pending, or nothing answers)
     */
    public record Message(TraceContext context, String label, String from, long sentIn, String to, long reactsTo,
                          String outcome) {

        /** The message's span id. */
        public long span() {
            return context.span();
        }
    }

    /** The message {@code span}, if any log knows it. */
    public Optional<Message> message(long span) {
        TraceEvent send = sends.get(span);
        TraceEvent begin = begins.get(span);
        TraceEvent settle = settlement(span);
        if (send == null && begin == null && settle == null) {
            return Optional.empty();
        }
        TraceEvent any = send != null ? send : begin != null ? begin : settle;
        String label = send != null ? send.label() : begin != null ? begin.label() : "";
        String outcome = settle == null ? ""
                : settle.kind() == TraceEvent.Kind.FULFILL ? "fulfilled"
                : "broken: " + settle.problemKind() + ": " + settle.problemMessage();
        return Optional.of(new Message(any.context(), label, send == null ? "" : send.vat(),
                send == null ? 0 : send.parent(), begin == null ? "" : begin.vat(), send == null ? 0 : send.cause(),
                outcome));
    }

    /** Every message labelled {@code label} ({@code Iface.method}, {@code when}, {@code run}), in the order sent. */
    public List<Message> messagesLabelled(String label) {
        List<Message> found = new ArrayList<>();
        for (TraceEvent send : sends.values()) {
            if (send.label().equals(label)) {
                found.add(message(send.span()).orElseThrow());
            }
        }
        return found;
    }

    /**
     * Every message of the trace that {@code span} (a message, turn or answer) belongs to, each
     * after the turn that sent it: the graph an inspector draws for a chosen message. Empty if
     * no log knows {@code span}.
     */
    public List<Message> traceOf(long span) {
        Optional<Message> chosen = message(span);
        if (chosen.isEmpty()) {
            return List.of();
        }
        TraceContext c = chosen.get().context();
        List<Message> roots = new ArrayList<>();
        Set<Long> spans = new HashSet<>(sends.keySet());
        spans.addAll(begins.keySet());
        for (long s : spans) {
            Message m = message(s).orElseThrow();
            if (m.context().traceHigh() == c.traceHigh() && m.context().traceLow() == c.traceLow()
                    && (m.sentIn() == 0 || message(m.sentIn()).isEmpty())) {
                roots.add(m);
            }
        }
        roots.sort(Comparator.comparing(Message::label).thenComparing(Message::span));
        List<Message> ordered = new ArrayList<>();
        ArrayDeque<Message> work = new ArrayDeque<>(roots);
        Set<Long> seen = new HashSet<>();
        while (!work.isEmpty()) {
            Message m = work.poll();
            if (!seen.add(m.span())) {
                continue;
            }
            ordered.add(m);
            for (long child : sentBy.getOrDefault(m.span(), List.of())) {
                work.add(message(child).orElseThrow());
            }
        }
        return ordered;
    }

    /**
     * Why the answer {@code promise} (a message's span) broke: the answers it followed back to
     * the first that broke, and the chain of turns and messages that led to the turn where that
     * one broke. Empty if no log records the answer breaking.
     */
    public Optional<Why> why(long promise) {
        List<Message> answers = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        TraceEvent broke = null;
        for (long p = promise; p != 0 && seen.add(p); ) {
            TraceEvent settle = settlement(p);
            if (settle == null || settle.kind() != TraceEvent.Kind.BREAK) {
                break;
            }
            broke = settle;
            answers.add(message(p).orElseThrow());
            p = settle.cause();
        }
        if (broke == null) {
            return Optional.empty();
        }
        List<Message> turns = new ArrayList<>();
        seen.clear();
        for (long t = broke.parent(); t != 0 && seen.add(t); ) {
            Optional<Message> m = message(t);
            if (m.isEmpty()) {
                break;
            }
            turns.add(m.get());
            t = m.get().reactsTo() != 0 && m.get().sentIn() == 0 ? m.get().reactsTo() : m.get().sentIn();
        }
        return Optional.of(new Why(broke.problemKind(), broke.problemMessage(), answers, broke.parent(), turns));
    }

    /**
     * How an answer settled, merged from the logs that saw it: where the answer arrived from
     * another machine, the record of the machine that broke it (in a turn, or following
     * another answer) is the one that explains it.
     */
    private TraceEvent settlement(long span) {
        List<TraceEvent> seen = settles.get(span);
        if (seen == null) {
            return null;
        }
        TraceEvent best = seen.getFirst();
        for (TraceEvent e : seen) {
            if (rank(e) > rank(best)) {
                best = e;
            }
        }
        return best;
    }

    private int rank(TraceEvent e) {
        return (e.cause() != 0 && settles.containsKey(e.cause()) ? 2 : 0) + (e.parent() != 0 ? 1 : 0);
    }

    /**
     * Why an answer broke.
     *
     * @param problemKind    the problem's kind
     * @param problemMessage the problem's message
     * @param answers        the answer asked about, then each answer it followed, ending with
     *                       the one that broke first
     * @param brokeIn        the span of the turn in which the last of {@code answers} broke, 0
     *                       if outside any turn (a connection lost)
     * @param turns          the message that turn received, then the message that the turn
     *                       sending it received, and so on back to the root
     */
    public record Why(String problemKind, String problemMessage, List<Message> answers, long brokeIn,
                      List<Message> turns) {

        /** The explanation as lines of text for a person. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            Message asked = answers.getFirst();
            lines.add("the answer of " + describe(asked) + " broke with " + problemKind + ": " + problemMessage);
            for (int i = 1; i < answers.size(); i++) {
                lines.add("  because it followed the answer of " + describe(answers.get(i)));
            }
            if (turns.isEmpty()) {
                lines.add("  which broke outside any recorded turn (a lost connection or an unsampled turn)");
                return lines;
            }
            Message origin = turns.getFirst();
            lines.add("  which broke first in vat " + origin.to() + ", in the turn that received " + describe(origin));
            for (int i = 0; i < turns.size(); i++) {
                Message m = turns.get(i);
                String sender = i + 1 < turns.size() ? describe(turns.get(i + 1)) : TraceContext.spanId(m.sentIn());
                lines.add("    " + describe(m) + (m.sentIn() == 0 && m.reactsTo() == 0
                        ? " was queued from outside any turn (the root)"
                        : m.reactsTo() != 0 ? " reacted to the answer of " + sender
                        : " was sent by vat " + m.from() + " in its turn receiving " + sender));
            }
            return lines;
        }

        private static String describe(Message m) {
            return m.label() + " [" + m.context().spanId() + "]";
        }
    }
}
