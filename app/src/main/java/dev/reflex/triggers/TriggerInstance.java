package dev.reflex.triggers;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One occurrence of a trigger, with its payload.
 *
 * @param id             unique id
 * @param trigger        the trigger it is an occurrence of
 * @param payload        the payload, plain data (an empty map when there is none)
 * @param occurrenceTime when it happened
 * @param status         where it is in processing
 */
public record TriggerInstance(String id, Trigger trigger, Map<String, Object> payload, Instant occurrenceTime,
                              TriggerInstanceStatus status) {

    public TriggerInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(occurrenceTime, "occurrenceTime");
        Objects.requireNonNull(status, "status");
        payload = payload == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    /** A new pending instance. */
    public static TriggerInstance pending(String id, Trigger trigger, Map<String, Object> payload, Instant occurrenceTime) {
        return new TriggerInstance(id, trigger, payload, occurrenceTime, TriggerInstanceStatus.PENDING);
    }

    /** The same instance with another status. */
    public TriggerInstance withStatus(TriggerInstanceStatus newStatus) {
        return new TriggerInstance(id, trigger, payload, occurrenceTime, newStatus);
    }
}
