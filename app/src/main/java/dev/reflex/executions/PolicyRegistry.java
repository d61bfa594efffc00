package dev.reflex.executions;

import dev.reflex.config.ConfigProblem;
import dev.reflex.config.LoadResult;
import dev.reflex.packs.Pack;
import dev.reflex.packs.PackFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The policies in force, by ref: those of the packs plus those created through the API. */
public final class PolicyRegistry {

    private final Map<String, Policy> byRef = new ConcurrentHashMap<>();
    /**
     * {@link #forAction} per action ref (read for each execution, twice); every change replaces the
     * map after changing {@code byRef}, so a list computed from older policies only lands in a
     * discarded map.
     */
    private volatile Map<String, List<Policy>> byAction = new ConcurrentHashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    /** An empty registry. */
    public PolicyRegistry() {
    }

    /** Loads the policies of every pack; a bad file is reported and never stops the others. */
    public static PolicyRegistry fromPacks(List<Pack> packs) {
        PolicyRegistry registry = new PolicyRegistry();
        PolicyFiles files = new PolicyFiles();
        for (Pack pack : packs) {
            for (PackFile file : pack.files(files.folder())) {
                if (files.accepts(file)) {
                    LoadResult<Policy> result = files.load(pack, file);
                    registry.problems.addAll(result.problems());
                    result.values().forEach(registry::put);
                }
            }
        }
        return registry;
    }

    /** Adds or replaces a policy. */
    public void put(Policy policy) {
        byRef.put(policy.ref(), policy);
        byAction = new ConcurrentHashMap<>();
    }

    /** Removes a policy; returns whether it existed. */
    public boolean remove(String ref) {
        boolean removed = byRef.remove(ref) != null;
        byAction = new ConcurrentHashMap<>();
        return removed;
    }

    /** The policy with this ref. */
    public Optional<Policy> find(String ref) {
        return Optional.ofNullable(byRef.get(ref));
    }

    /** Every policy, by ref. */
    public List<Policy> list() {
        return byRef.values().stream().sorted(Comparator.comparing(Policy::ref)).toList();
    }

    /** The enabled policies of one action, by ref. */
    public List<Policy> forAction(String actionRef) {
        Map<String, List<Policy>> cache = byAction;
        List<Policy> found = cache.get(actionRef);
        if (found == null) {
            found = byRef.values().stream().filter(p -> p.enabled() && p.resourceRef().equals(actionRef))
                    .sorted(Comparator.comparing(Policy::ref)).toList();
            if (cache.size() < 10_000) {
                cache.put(actionRef, found);
            }
        }
        return found;
    }

    /** The problems of policy files that did not load. */
    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }
}
