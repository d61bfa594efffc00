/**
 * Trigger types, triggers and trigger instances: the typed events that enter Reflex and that rules
 * match.
 *
 * <p>A {@link dev.reflex.triggers.TriggerType} describes a kind of event and the JSON schemas of its
 * payload and parameters; a {@link dev.reflex.triggers.Trigger} is a type with one set of
 * parameters (a webhook URL, a timer interval); a {@link dev.reflex.triggers.TriggerInstance} is
 * one occurrence with its payload. The {@link dev.reflex.triggers.TriggerTypeRegistry} holds the
 * built-in types of StackStorm's {@code core} pack and {@code sensu.event_handler}, and validates
 * payloads and parameters with the small draft-4 {@link dev.reflex.triggers.JsonSchema} validator.
 *
 * <p>Webhooks and timers, which produce trigger instances, will live here too.
 */
package dev.reflex.triggers;
