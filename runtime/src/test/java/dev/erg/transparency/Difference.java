package dev.erg.transparency;

import java.util.List;

/**
 * One channel of a scenario that read differently in {@code mode} than in the local run;
 * {@code stated} is the scenario's stated difference it matches, or null.
 */
public record Difference(String scenario, Mode mode, String channel, List<String> local, List<String> actual,
                         StatedDifference stated) {

    public Difference {
        local = List.copyOf(local);
        actual = List.copyOf(actual);
    }

    /** Whether the scenario stated this difference. */
    public boolean isStated() {
        return stated != null;
    }

    /**
     * A diff: lines both runs share at the start and end are marked {@code =}, the ones
     * between {@code -} (local run) and {@code +} (this mode).
     */
    public String render() {
        StringBuilder text = new StringBuilder()
                .append(scenario).append(" [").append(mode).append("] channel ").append(channel);
        if (stated != null) {
            text.append(" (stated: ").append(stated.why()).append(')');
        }
        text.append('\n');
        int prefix = 0;
        while (prefix < local.size() && prefix < actual.size() && local.get(prefix).equals(actual.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < local.size() - prefix && suffix < actual.size() - prefix
                && local.get(local.size() - 1 - suffix).equals(actual.get(actual.size() - 1 - suffix))) {
            suffix++;
        }
        local.subList(0, prefix).forEach(line -> text.append("    = ").append(line).append('\n'));
        local.subList(prefix, local.size() - suffix)
                .forEach(line -> text.append("    - ").append(Mode.LOCAL).append(": ").append(line).append('\n'));
        actual.subList(prefix, actual.size() - suffix)
                .forEach(line -> text.append("    + ").append(mode).append(": ").append(line).append('\n'));
        local.subList(local.size() - suffix, local.size()).forEach(line -> text.append("    = ").append(line).append('\n'));
        return text.toString();
    }
}
