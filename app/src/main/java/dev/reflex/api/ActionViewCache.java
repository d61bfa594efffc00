package dev.reflex.api;

import dev.reflex.actions.Action;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code action} member of execution responses, built once per action rather than for every
 * execution shown ({@link ActionViews#action}, read-only and shared). An entry serves only the very
 * {@link Action} object it was made from, so a reloaded action is shown afresh.
 *
 * <p>It is kept as a map, not as pre-written JSON: a pre-written value ({@code RawValue}) showed no
 * gain in the profiles (Jackson built serializers during the responses instead), see
 * docs/benchmarks.md, "Executions", run 4.
 */
final class ActionViewCache {

    /** The view of one action, and the action it was made from. */
    private record Entry(Action action, Map<String, Object> view) {
    }

    private final Map<String, Entry> byRef = new ConcurrentHashMap<>();

    /** The action's view, read-only. */
    Map<String, Object> view(Action action) {
        Entry e = byRef.get(action.ref());
        if (e == null || e.action != action) {
            e = new Entry(action, Collections.unmodifiableMap(ActionViews.action(action)));
            byRef.put(action.ref(), e);
        }
        return e.view;
    }
}
