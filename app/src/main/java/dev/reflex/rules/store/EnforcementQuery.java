package dev.reflex.rules.store;

import dev.reflex.rules.RuleEnforcement;
import java.time.Instant;

/**
 * Which rule enforcements to list, newest first. Every filter is optional (null).
 *
 * @param ruleRef           the rule's ref
 * @param triggerInstanceId the trigger instance
 * @param executionId       the execution
 * @param status            succeeded or failed
 * @param from              enforced at or after
 * @param to                enforced at or before
 * @param limit             at most this many (1 to 1000)
 * @param offset            skip this many
 */
public record EnforcementQuery(String ruleRef, String triggerInstanceId, String executionId, RuleEnforcement.Status status,
                               Instant from, Instant to, int limit, int offset) {

    public EnforcementQuery {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
    }

    /** The enforcements of one trigger instance. */
    public static EnforcementQuery forInstance(String triggerInstanceId) {
        return new EnforcementQuery(null, triggerInstanceId, null, null, null, null, 1000, 0);
    }
}
