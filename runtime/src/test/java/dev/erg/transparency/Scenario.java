package dev.erg.transparency;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A program that should behave the same in every {@link Mode}: its script, the records and
 * enums it passes (registered in each node's {@code PassableRegistry}), the differences it
 * states.
 */
public record Scenario(String name, Script script, List<Class<?>> passables, List<StatedDifference> stated) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(script, "script");
        passables = List.copyOf(passables);
        stated = List.copyOf(stated);
    }

    /** A scenario that passes no records or enums and states no differences. */
    public static Scenario of(String name, Script script) {
        return new Scenario(name, script, List.of(), List.of());
    }

    /** This scenario, also passing {@code types} (records and enums marked {@code @Passable}). */
    public Scenario passing(Class<?>... types) {
        List<Class<?>> all = new ArrayList<>(passables);
        all.addAll(List.of(types));
        return new Scenario(name, script, all, stated);
    }

    /** This scenario, stating that in {@code mode} {@code channel} reads {@code lines}, because {@code why}. */
    public Scenario stating(Mode mode, String channel, List<String> lines, String why) {
        List<StatedDifference> all = new ArrayList<>(stated);
        all.add(new StatedDifference(mode, channel, lines, why));
        return new Scenario(name, script, passables, all);
    }

    @Override
    public String toString() {
        return name;
    }
}
