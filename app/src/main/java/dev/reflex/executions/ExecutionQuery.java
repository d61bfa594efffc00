package dev.reflex.executions;

import java.time.Instant;

/**
 * Filters of an execution listing, as {@code GET /api/v1/executions} takes them; null means "any".
 * Results are newest first.
 *
 * @param action            the action ref
 * @param status            the status
 * @param rule              the ref of the rule that requested them
 * @param triggerInstance   the id of the trigger instance that caused them
 * @param parent            the parent execution's id
 * @param since             the earliest start time (inclusive)
 * @param until             the latest start time (inclusive)
 * @param limit             the most rows to return (1 to 1000)
 * @param offset            how many matching rows to skip
 */
public record ExecutionQuery(String action, ExecutionStatus status, String rule, String triggerInstance, String parent,
                             Instant since, Instant until, int limit, int offset) {

    /** The most rows one listing returns. */
    public static final int MAX_LIMIT = 1000;

    public ExecutionQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
    }

    /** Every execution, newest first, at most {@code limit}. */
    public static ExecutionQuery latest(int limit) {
        return new ExecutionQuery(null, null, null, null, null, null, null, limit, 0);
    }
}
