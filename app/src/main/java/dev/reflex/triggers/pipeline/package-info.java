/**
 * The way in for trigger instances: {@link dev.reflex.triggers.pipeline.DurableTriggerEmitter}
 * resolves the trigger, validates the payload against its type's schema, stores the instance
 * durably and only then publishes it on {@link dev.reflex.triggers.pipeline.DurableTriggerEmitter#TOPIC}
 * for the rules dispatcher.
 */
package dev.reflex.triggers.pipeline;
