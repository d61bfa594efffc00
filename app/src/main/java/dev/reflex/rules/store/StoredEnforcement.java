package dev.reflex.rules.store;

import dev.reflex.rules.RuleEnforcement;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A rule enforcement as the store keeps it.
 *
 * @param id                unique id
 * @param triggerInstanceId the trigger instance that fired the rule
 * @param ruleRef           the rule's ref
 * @param ruleId            the rule's id, or null
 * @param rule              the rule's document as it was when enforced
 * @param executionId       the execution created, or null (none, or no executions service yet)
 * @param executionRequest  what was asked of the executions service ({@code action}, rendered
 *                          {@code parameters}, {@code context}), or null when rendering failed first
 * @param status            succeeded or failed
 * @param failureReason     why it failed, or null
 * @param enforcedAt        when
 */
public record StoredEnforcement(String id, String triggerInstanceId, String ruleRef, String ruleId, Map<String, Object> rule,
                                String executionId, Map<String, Object> executionRequest, RuleEnforcement.Status status,
                                String failureReason, Instant enforcedAt) {

    public StoredEnforcement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(enforcedAt, "enforcedAt");
    }
}
