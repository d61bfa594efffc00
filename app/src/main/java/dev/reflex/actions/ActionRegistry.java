package dev.reflex.actions;

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

/**
 * The actions Reflex knows, by ref: those of the loaded packs plus those created through the API.
 * Thread-safe; reads never block.
 */
public final class ActionRegistry {

    private final Map<String, Action> byRef = new ConcurrentHashMap<>();
    private final Map<String, Action> fromPacks = new ConcurrentHashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    /** An empty registry. */
    public ActionRegistry() {
    }

    /**
     * Loads the action metadata of every pack. A bad file is reported in {@link #problems()} and never
     * stops the others from loading.
     */
    public static ActionRegistry fromPacks(List<Pack> packs, ActionFiles files) {
        ActionRegistry registry = new ActionRegistry();
        for (Pack pack : packs) {
            for (PackFile file : pack.files(files.folder())) {
                if (!files.accepts(file)) {
                    continue;
                }
                LoadResult<Action> result = files.load(pack, file);
                registry.problems.addAll(result.problems());
                for (Action a : result.values()) {
                    if (registry.fromPacks.putIfAbsent(a.ref(), a) != null) {
                        registry.problems.add(ConfigProblem.ofFile(file.label(), "action " + a.ref()
                                + " is declared twice in pack " + pack.ref() + "; the first one is used"));
                    } else {
                        registry.byRef.put(a.ref(), a);
                    }
                }
            }
        }
        return registry;
    }

    /** The action with this ref. */
    public Optional<Action> find(String ref) {
        return Optional.ofNullable(byRef.get(ref));
    }

    /** Every action, sorted by ref. */
    public List<Action> list() {
        return byRef.values().stream().sorted(Comparator.comparing(Action::ref)).toList();
    }

    /** Adds or replaces an action. */
    public void put(Action action) {
        byRef.put(action.ref(), action);
    }

    /** Removes an action; returns whether it existed. */
    public boolean remove(String ref) {
        return byRef.remove(ref) != null;
    }

    /** Whether the action comes from a pack's files (rather than the API). */
    public boolean fromPack(String ref) {
        return fromPacks.containsKey(ref);
    }

    /** The problems of the metadata files that did not load. */
    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }
}
