package dev.reflex.triggers;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where everything that happens enters Reflex: webhooks, timers, Sensu events, action completions.
 *
 * <p>An implementation validates the payload against the trigger type's schema, persists the
 * instance durably, and only then returns; the instance is dispatched to the rules afterwards. So a
 * caller that answered "accepted" after {@code emit} returned loses nothing in a crash.
 */
public interface TriggerEmitter {

    /**
     * Records one occurrence of {@code trigger} and queues it for the rules.
     *
     * @param trigger  a trigger type ref such as {@code sensu.event_handler}, or the ref of a
     *                 parameterised trigger
     * @param payload  plain data (maps, lists, strings, numbers, booleans, null)
     * @param traceTag an optional trace tag ({@code St2-Trace-Tag}) recorded with the instance, or null
     * @return the persisted instance
     * @throws IllegalArgumentException if the trigger is unknown or the payload violates its schema;
     *                                  the message says which and why
     */
    TriggerInstance emit(String trigger, Map<String, Object> payload, String traceTag);

    /**
     * Records one occurrence without waiting for it to be durable: for emitters whose caller has
     * nothing to acknowledge (an action's completion triggers), so that the caller's thread does not
     * wait for a commit. The future completes once the instance is stored and queued for the rules,
     * or exceptionally with the reason it was refused or could not be stored.
     *
     * <p>The default implementation stores it at once, as {@link #emit} does.
     */
    default CompletableFuture<TriggerInstance> emitAsync(String trigger, Map<String, Object> payload, String traceTag) {
        try {
            return CompletableFuture.completedFuture(emit(trigger, payload, traceTag));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
