/**
 * The way in for trigger instances: {@link dev.reflex.triggers.pipeline.DurableTriggerEmitter}
 * resolves the trigger and validates the payload against its type's schema. While the rules
 * dispatcher runs, it has installed an {@link dev.reflex.triggers.pipeline.InstanceProcessor}: a new
 * instance is matched and enforced on the emitting thread and stored with its outcome and
 * enforcements in one durable write. Otherwise the instance is stored pending and only then
 * published on {@link dev.reflex.triggers.pipeline.DurableTriggerEmitter#TOPIC} for the
 * dispatcher's workers, which is also how re-emitted and recovered instances travel.
 */
package dev.reflex.triggers.pipeline;
