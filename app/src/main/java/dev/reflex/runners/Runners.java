package dev.reflex.runners;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The set of runners available to the execution engine, by name. Built once by the composition
 * root from the runner instances it configured.
 */
public final class Runners {

    private final Map<String, Runner> byName;

    private Runners(Map<String, Runner> byName) {
        this.byName = byName;
    }

    /**
     * A registry of the given runners.
     *
     * @throws IllegalArgumentException when two runners share a name
     */
    public static Runners of(List<? extends Runner> runners) {
        Map<String, Runner> byName = new LinkedHashMap<>();
        for (Runner runner : runners) {
            if (byName.putIfAbsent(runner.name(), runner) != null) {
                throw new IllegalArgumentException("two runners are named " + runner.name());
            }
        }
        return new Runners(byName);
    }

    /** The runner with this name, as an action's {@code runner_type} names it. */
    public Optional<Runner> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every runner, in registration order. */
    public List<Runner> all() {
        return List.copyOf(byName.values());
    }

    /** The metadata of every runner, in registration order. */
    public List<RunnerType> types() {
        return byName.values().stream().map(Runner::type).toList();
    }
}
