package dev.reflex.events;

import java.util.Map;

/**
 * A filter Sensu ships as an extension rather than as settings ({@code occurrences},
 * {@code check_dependencies}). Named in a handler's {@code filters} like any other; a settings filter
 * with the same name takes precedence.
 */
@FunctionalInterface
public interface BuiltinFilter {

    /**
     * True when the event must be dropped.
     *
     * @param json the event's Sensu JSON
     */
    boolean filtered(Event event, Map<String, Object> json);
}
