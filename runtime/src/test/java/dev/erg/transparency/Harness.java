package dev.erg.transparency;

import dev.erg.wire.PassableRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs scenarios in every {@link Mode} and compares each mode's outcome with the local one,
 * channel by channel. Nodes of the TLS mode are made once and reused by every scenario; a
 * scenario whose result does not come in time ({@link #WAIT} unless told otherwise) is
 * reported as hung.
 */
public final class Harness implements AutoCloseable {

    /** How long a scenario's result, or a connection, may take. */
    public static final Duration WAIT = Duration.ofSeconds(5);
    private static final long SEED = 20_251_203;

    private final List<Stage> stages;

    /** A harness for {@code scenarios}, whose records and enums the nodes register. */
    public Harness(Collection<Scenario> scenarios) {
        this(scenarios, WAIT);
    }

    /** A harness that waits {@code wait} for each result (and {@link #WAIT} for each connection). */
    public Harness(Collection<Scenario> scenarios, Duration wait) {
        Set<Class<?>> passables = new LinkedHashSet<>();
        scenarios.forEach(s -> passables.addAll(s.passables()));
        PassableRegistry registry = PassableRegistry.of(passables.toArray(Class<?>[]::new));
        stages = List.of(new LocalStage(wait), new TlsStage(registry, wait), new DeterministicStage(SEED));
    }

    /** The modes each scenario runs in, the local one first. */
    public List<Mode> modes() {
        return stages.stream().map(Stage::mode).toList();
    }

    /** Runs {@code scenario} in every mode and compares. */
    public Verdict check(Scenario scenario) {
        Map<Mode, Outcome> outcomes = new EnumMap<>(Mode.class);
        for (Stage stage : stages) {
            outcomes.put(stage.mode(), stage.run(scenario));
        }
        Outcome local = outcomes.get(Mode.LOCAL);
        List<Difference> differences = new ArrayList<>();
        List<StatedDifference> unseen = new ArrayList<>(scenario.stated());
        for (Stage stage : stages.subList(1, stages.size())) {
            Outcome other = outcomes.get(stage.mode());
            Set<String> channels = new TreeSet<>(local.channelNames());
            channels.addAll(other.channelNames());
            for (String channel : channels) {
                List<String> expected = local.lines(channel);
                List<String> actual = other.lines(channel);
                if (expected.equals(actual)) {
                    continue;
                }
                StatedDifference stated = scenario.stated().stream()
                        .filter(s -> s.mode() == stage.mode() && s.channel().equals(channel) && s.matches(actual))
                        .findFirst().orElse(null);
                unseen.remove(stated);
                differences.add(new Difference(scenario.name(), stage.mode(), channel, expected, actual, stated));
            }
        }
        return new Verdict(scenario, outcomes, differences, unseen);
    }

    @Override
    public void close() {
        stages.forEach(Stage::close);
    }
}
