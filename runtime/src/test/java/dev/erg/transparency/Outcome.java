package dev.erg.transparency;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run of a scenario observed: named channels of lines. Each channel should be
 * written by one vat only, so that its order is fixed by E-order and not by thread timing;
 * the harness writes the scenario's result to {@value #RESULT}.
 */
public final class Outcome {

    /** The channel holding the scenario's result, or the problem that broke it. */
    public static final String RESULT = "result";

    private final Map<String, List<String>> channels = new TreeMap<>();
    private boolean hung;

    /** Appends {@code line} to {@code channel}. */
    public synchronized void add(String channel, String line) {
        channels.computeIfAbsent(channel, k -> new ArrayList<>()).add(line);
    }

    /** Appends the description of {@code value} (see {@link Describe#value}) to {@code channel}. */
    public void addValue(String channel, Object value) {
        add(channel, Describe.value(value));
    }

    /** The lines of {@code channel}; empty if nothing was written there. */
    public synchronized List<String> lines(String channel) {
        return List.copyOf(channels.getOrDefault(channel, List.of()));
    }

    /** The names of the channels written to, sorted. */
    public synchronized List<String> channelNames() {
        return List.copyOf(channels.keySet());
    }

    synchronized void markHung() {
        hung = true;
    }

    /** Whether the scenario's result never came. */
    public synchronized boolean hung() {
        return hung;
    }

    @Override
    public synchronized String toString() {
        StringBuilder text = new StringBuilder();
        channels.forEach((name, lines) -> text.append(name).append(": ").append(lines).append('\n'));
        return text.toString();
    }
}
