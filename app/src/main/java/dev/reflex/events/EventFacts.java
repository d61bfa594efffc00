package dev.reflex.events;

import java.util.Map;

/**
 * What the engine reads of a pair's stored event for every result (to carry the event's identity and
 * counts forward) and what dependency filters look at, without the event's check attributes, which a
 * durable state keeps only in its table.
 *
 * @param key                  the client/check pair
 * @param id                   the event's persistent id
 * @param action               the event's action
 * @param occurrences          the event's occurrences
 * @param occurrencesWatermark the event's occurrences watermark
 * @param lastStateChange      when the status last changed (epoch seconds), or null
 * @param client               the event's client attributes (the registry's own map, not a copy)
 */
public record EventFacts(ResultKey key, String id, EventAction action, long occurrences, long occurrencesWatermark,
        Long lastStateChange, Map<String, Object> client) {

    /** The facts of {@code event}. */
    public static EventFacts of(ResultKey key, Event event) {
        return new EventFacts(key, event.id(), event.action(), event.occurrences(), event.occurrencesWatermark(),
                event.lastStateChange(), event.client());
    }
}
