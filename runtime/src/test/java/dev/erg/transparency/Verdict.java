package dev.erg.transparency;

import java.util.List;
import java.util.Map;

/** What the harness found for one scenario: its outcome in each mode and how they differ. */
public record Verdict(Scenario scenario, Map<Mode, Outcome> outcomes, List<Difference> differences,
                      List<StatedDifference> statedButNotSeen) {

    public Verdict {
        outcomes = Map.copyOf(outcomes);
        differences = List.copyOf(differences);
        statedButNotSeen = List.copyOf(statedButNotSeen);
    }

    /** The differences the scenario did not state. */
    public List<Difference> unstated() {
        return differences.stream().filter(d -> !d.isStated()).toList();
    }

    /** The differences the scenario stated. */
    public List<Difference> stated() {
        return differences.stream().filter(Difference::isStated).toList();
    }

    /** The modes in which the scenario's result never came. */
    public List<Mode> hungIn() {
        return outcomes.entrySet().stream().filter(e -> e.getValue().hung()).map(Map.Entry::getKey).sorted().toList();
    }

    /** Whether every mode observed the same, but for stated differences, and nothing hung. */
    public boolean transparent() {
        return unstated().isEmpty() && hungIn().isEmpty();
    }

    /** The unstated differences and hangs, as a readable report; empty if transparent. */
    public String report() {
        StringBuilder text = new StringBuilder();
        if (!hungIn().isEmpty()) {
            text.append(scenario.name()).append(": no result in ").append(hungIn()).append('\n');
        }
        unstated().forEach(d -> text.append(d.render()));
        if (!text.isEmpty()) {
            text.append("local outcome:\n").append(outcomes.get(Mode.LOCAL));
        }
        return text.toString();
    }
}
