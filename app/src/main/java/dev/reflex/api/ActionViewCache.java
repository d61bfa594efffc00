package dev.reflex.api;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.reflex.actions.Action;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code action} member of execution responses, written as JSON once per action rather than
 * rebuilt and serialised for every execution shown: the text is {@link ActionViews#action}'s, written
 * by the API's own mapper, and is inserted verbatim (a {@link RawValue}) when the execution is
 * serialised. An entry serves only the very {@link Action} object it was made from, so a reloaded
 * action is written afresh.
 */
final class ActionViewCache {

    /** The JSON of one action, and the action it was written from. */
    private record Entry(Action action, RawValue json) {
    }

    private final Map<String, Entry> byRef = new ConcurrentHashMap<>();

    /** The action's view, ready to be serialised as part of a larger document. */
    RawValue view(Action action) {
        Entry e = byRef.get(action.ref());
        if (e == null || e.action != action) {
            e = new Entry(action, new RawValue(Json.write(ActionViews.action(action))));
            byRef.put(action.ref(), e);
        }
        return e.json;
    }
}
