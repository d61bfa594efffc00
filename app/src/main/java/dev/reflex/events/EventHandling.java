package dev.reflex.events;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The step after the event registry: filter, mutate and deliver the event for each of its handlers.
 * {@link HandlerPipeline} is the implementation; {@link #none()} handles nothing.
 */
@FunctionalInterface
public interface EventHandling {

    /** Handles the event for each of its handlers; completes with one outcome per handler. */
    CompletableFuture<List<HandlingOutcome>> handle(Event event);

    /** Handling that does nothing (for tests of the state machine alone). */
    static EventHandling none() {
        return event -> CompletableFuture.completedFuture(List.of());
    }
}
