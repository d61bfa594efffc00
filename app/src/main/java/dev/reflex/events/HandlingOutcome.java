package dev.reflex.events;

/**
 * What happened to an event for one handler: dropped by a filter, dropped because its mutator
 * failed, or a {@link Delivery} outcome.
 */
public sealed interface HandlingOutcome permits HandlingOutcome.Filtered, HandlingOutcome.MutatorFailed, Delivery {

    /** The handler's name. */
    String handler();

    /**
     * A pipeline stage dropped the event for this handler.
     *
     * @param stage  the stage that dropped it ({@code handle}, {@code flapping}, {@code severities},
     *               {@code silenced}, or {@code filter:NAME})
     * @param reason why, in words
     */
    record Filtered(String handler, String stage, String reason) implements HandlingOutcome {
    }

    /**
     * The mutator failed (unknown, non-zero exit, timeout, unusable output): the handler is skipped.
     *
     * @param mutator the mutator's name
     * @param reason  why, in words
     */
    record MutatorFailed(String handler, String mutator, String reason) implements HandlingOutcome {
    }
}
