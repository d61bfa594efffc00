package dev.reflex.events;

import dev.reflex.checks.HandlerDefinition;
import java.util.Map;

/**
 * One step of the handler pipeline's filtering: it lets an event through to a handler, or drops it
 * for that handler. Stages run in order and the first drop wins; new filtering behaviour arrives as
 * a new stage.
 */
@FunctionalInterface
public interface FilterStage {

    /**
     * Judges the event for the handler.
     *
     * @param json the event's Sensu JSON ({@link Event#toSensuMap()}), computed once per event
     */
    Verdict evaluate(HandlerDefinition handler, Event event, Map<String, Object> json);

    /** A stage's decision. */
    sealed interface Verdict permits Pass, Drop {
    }

    /** The event goes on to the next stage. */
    record Pass() implements Verdict {
    }

    /**
     * The event is dropped for this handler.
     *
     * @param stage  the stage's name ({@code handle}, {@code flapping}, {@code severities},
     *               {@code silenced}, {@code filter:NAME})
     * @param reason why, in words
     */
    record Drop(String stage, String reason) implements Verdict {
    }

    /** The shared {@link Pass} verdict. */
    Verdict PASS = new Pass();
}
