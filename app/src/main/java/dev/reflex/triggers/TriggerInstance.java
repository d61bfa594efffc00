package dev.reflex.triggers;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
        if (!(payload instanceof Frozen)) {
            payload = payload == null ? Map.of() : new Frozen(new LinkedHashMap<>(payload));
        }
    }

    /**
     * The payload once copied: read-only, in the order given. Another instance made from it (another
     * status) shares it instead of copying it again.
     */
    private static final class Frozen extends AbstractMap<String, Object> {
        private final Map<String, Object> map;

        Frozen(LinkedHashMap<String, Object> copy) {
            this.map = Collections.unmodifiableMap(copy);
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return map.entrySet();
        }

        @Override
        public Object get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public Set<String> keySet() {
            return map.keySet();
        }

        @Override
        public java.util.Collection<Object> values() {
            return map.values();
        }

        @Override
        public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
            map.forEach(action);
        }
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
