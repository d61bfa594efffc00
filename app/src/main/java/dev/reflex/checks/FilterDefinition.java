package dev.reflex.checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Sensu 1.x event filter: the event attributes to match, whether a match drops or keeps the event,
 * and an optional time window outside which the filter does nothing.
 *
 * <p>An attribute value is compared with the event's value for equality, recursively for objects,
 * or on equal text; or, when it starts with {@code eval:}, it is an expression evaluated with
 * {@code value} bound to the event's value (see {@code dev.reflex.events.EvalExpression}).
 *
 * @param name       the filter name
 * @param attributes the attributes to match against the event
 * @param negate     false (default): events that do not match are dropped; true: matching events are dropped
 * @param when       the windows in which the filter applies, or null for always
 */
public record FilterDefinition(String name, Map<String, Object> attributes, boolean negate, TimeWindows when) {

    public FilterDefinition {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** Builds the record from a definition that passed {@link HandlerValidator#validateFilter}. */
    public static FilterDefinition from(String name, Map<String, Object> definition) {
        Map<String, Object> attributes = JsonValues.asMap(definition.get("attributes"));
        return new FilterDefinition(name, attributes == null ? Map.of() : attributes,
                Boolean.TRUE.equals(definition.get("negate")),
                definition.get("when") instanceof Map<?, ?> ? Definitions.timeWindows(definition.get("when")) : null);
    }
}
