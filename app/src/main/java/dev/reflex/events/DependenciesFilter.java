package dev.reflex.events;

import dev.reflex.checks.JsonValues;
import java.util.List;
import java.util.Map;

/**
 * Sensu's built-in {@code check_dependencies} filter: drops an event while an event exists for any
 * of the check's {@code dependencies}, each written as {@code check} (same client),
 * {@code client/check}, or {@code subscription:NAME/check} (any client with that subscription).
 */
public final class DependenciesFilter implements BuiltinFilter {

    /** The name handlers use for it. */
    public static final String NAME = "check_dependencies";

    private final EventState state;

    /** A filter that looks events up in {@code state}. */
    public DependenciesFilter(EventState state) {
        this.state = state;
    }

    @Override
    public boolean filtered(Event event, Map<String, Object> json) {
        List<Object> dependencies = JsonValues.asList(event.check().get("dependencies"));
        if (dependencies == null) {
            return false;
        }
        for (Object d : dependencies) {
            String dependency = String.valueOf(d);
            int slash = dependency.lastIndexOf('/');
            String check = slash < 0 ? dependency : dependency.substring(slash + 1);
            String entity = slash < 0 ? null : dependency.substring(0, slash);
            if (entity != null && entity.startsWith("subscription:")) {
                String subscription = entity.substring("subscription:".length());
                for (EventFacts other : state.eventFacts()) {
                    List<Object> subs = JsonValues.asList(other.client().get("subscriptions"));
                    if (other.key().check().equals(check) && subs != null && subs.contains(subscription)) {
                        return true;
                    }
                }
            } else {
                String client = entity == null ? event.clientName() : entity;
                if (state.eventFacts(new ResultKey(client, check)).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }
}
