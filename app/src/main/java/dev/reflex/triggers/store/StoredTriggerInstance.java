package dev.reflex.triggers.store;

import dev.reflex.triggers.TriggerInstance;
import java.util.Objects;

/**
 * A trigger instance as the store keeps it: the instance and its trace tag.
 *
 * @param instance the instance (with its current status)
 * @param traceTag the trace tag ({@code St2-Trace-Tag}, or one Reflex made up), or null
 */
public record StoredTriggerInstance(TriggerInstance instance, String traceTag) {

    public StoredTriggerInstance {
        Objects.requireNonNull(instance, "instance");
    }

    /** The instance's id. */
    public String id() {
        return instance.id();
    }
}
