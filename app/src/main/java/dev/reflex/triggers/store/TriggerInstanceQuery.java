package dev.reflex.triggers.store;

import dev.reflex.triggers.TriggerInstanceStatus;
import java.time.Instant;

/**
 * Which trigger instances to list, newest first. Every filter is optional (null).
 *
 * @param trigger the trigger ref, or the trigger type ref
 * @param status  the processing status
 * @param from    occurrence time at or after
 * @param to      occurrence time at or before
 * @param limit   at most this many (1 to 1000)
 * @param offset  skip this many
 */
public record TriggerInstanceQuery(String trigger, TriggerInstanceStatus status, Instant from, Instant to, int limit,
                                   int offset) {

    /** The most a list returns. */
    public static final int MAX_LIMIT = 1000;

    public TriggerInstanceQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
    }

    /** Everything, the newest {@code limit}. */
    public static TriggerInstanceQuery latest(int limit) {
        return new TriggerInstanceQuery(null, null, null, null, limit, 0);
    }
}
