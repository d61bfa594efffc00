package dev.reflex.events;

/**
 * The outcome of handing mutated event data to a handler: delivered, failed in a way worth retrying
 * (a connection refused, a timeout), or failed for good (a bad configuration, a command that
 * exited non-zero). Sensu itself never retries; the outcome records what happened.
 */
public sealed interface Delivery extends HandlingOutcome permits Delivery.Delivered, Delivery.Retryable, Delivery.Permanent {

    /**
     * The handler took the event.
     *
     * @param detail what it said (command output, bytes written…), may be empty
     */
    record Delivered(String handler, String detail) implements Delivery {
    }

    /** The handler could not take the event now; trying again later may work. */
    record Retryable(String handler, String reason) implements Delivery {
    }

    /** The handler failed; trying again would fail the same way. */
    record Permanent(String handler, String reason) implements Delivery {
    }
}
