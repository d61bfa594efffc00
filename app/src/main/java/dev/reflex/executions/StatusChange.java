package dev.reflex.executions;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an execution's {@code log}: the status it reached and when.
 *
 * @param status    the status reached
 * @param timestamp when, by the injected clock
 */
public record StatusChange(ExecutionStatus status, Instant timestamp) {

    public StatusChange {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
