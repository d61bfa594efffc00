package dev.reflex.executions;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * StackStorm's fourteen execution statuses and the transitions allowed between them.
 *
 * <p>Completed: succeeded, failed, timeout, canceled, abandoned. Cancelable: requested, scheduled,
 * delayed, running, pausing, paused, resuming. Pause and resume apply to workflows only.
 */
public enum ExecutionStatus {
    REQUESTED, SCHEDULED, DELAYED, RUNNING, SUCCEEDED, FAILED, TIMEOUT, ABANDONED, CANCELING, CANCELED, PENDING,
    PAUSING, PAUSED, RESUMING;

    private final String value = name().toLowerCase(Locale.ROOT);

    private static final Set<ExecutionStatus> COMPLETED = EnumSet.of(SUCCEEDED, FAILED, TIMEOUT, CANCELED, ABANDONED);
    private static final Set<ExecutionStatus> CANCELABLE = EnumSet.of(REQUESTED, SCHEDULED, DELAYED, RUNNING, PAUSING,
            PAUSED, RESUMING, PENDING);
    private static final Map<ExecutionStatus, Set<ExecutionStatus>> NEXT = Map.ofEntries(
            Map.entry(REQUESTED, EnumSet.of(SCHEDULED, DELAYED, CANCELED, FAILED, ABANDONED)),
            Map.entry(DELAYED, EnumSet.of(SCHEDULED, DELAYED, CANCELED, FAILED, ABANDONED)),
            Map.entry(SCHEDULED, EnumSet.of(RUNNING, DELAYED, CANCELED, FAILED, ABANDONED)),
            Map.entry(RUNNING, EnumSet.of(SUCCEEDED, FAILED, TIMEOUT, CANCELING, CANCELED, ABANDONED, PENDING, PAUSING)),
            Map.entry(CANCELING, EnumSet.of(CANCELED, SUCCEEDED, FAILED, TIMEOUT, ABANDONED)),
            Map.entry(PENDING, EnumSet.of(RUNNING, SUCCEEDED, FAILED, TIMEOUT, CANCELED, ABANDONED)),
            Map.entry(PAUSING, EnumSet.of(PAUSED, CANCELING, CANCELED, FAILED, ABANDONED)),
            Map.entry(PAUSED, EnumSet.of(RESUMING, CANCELING, CANCELED, ABANDONED)),
            Map.entry(RESUMING, EnumSet.of(RUNNING, CANCELING, CANCELED, FAILED, ABANDONED)),
            Map.entry(SUCCEEDED, EnumSet.noneOf(ExecutionStatus.class)),
            Map.entry(FAILED, EnumSet.noneOf(ExecutionStatus.class)),
            Map.entry(TIMEOUT, EnumSet.noneOf(ExecutionStatus.class)),
            Map.entry(CANCELED, EnumSet.noneOf(ExecutionStatus.class)),
            Map.entry(ABANDONED, EnumSet.noneOf(ExecutionStatus.class)));

    /** The name used in the API and the store, such as {@code succeeded}. */
    public String value() {
        return value;
    }

    /** The status with this API name, if it is one of the fourteen. */
    public static Optional<ExecutionStatus> parse(String value) {
        for (ExecutionStatus s : values()) {
            if (s.value().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Whether the execution is over (succeeded, failed, timeout, canceled, abandoned). */
    public boolean completed() {
        return COMPLETED.contains(this);
    }

    /** Whether StackStorm counts it as a failure (failed, timeout, abandoned). */
    public boolean failure() {
        return this == FAILED || this == TIMEOUT || this == ABANDONED;
    }

    /** Whether a cancel request applies to an execution in this status. */
    public boolean cancelable() {
        return CANCELABLE.contains(this);
    }

    /** Whether an execution may move from this status to {@code next}. */
    public boolean canMoveTo(ExecutionStatus next) {
        return NEXT.get(this).contains(next);
    }
}
