package dev.reflex.rules;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The record of one rule firing for one trigger instance, or failing to.
 *
 * @param id                unique id
 * @param triggerInstanceId the trigger instance
 * @param ruleRef           the rule's ref
 * @param ruleUid           the rule's uid
 * @param ruleId            the rule's store id, or null
 * @param rule              the rule as it was when enforced
 * @param executionId       the execution created, or null
 * @param status            succeeded or failed
 * @param failureReason     why it failed, or null
 * @param enforcedAt        when
 */
public record RuleEnforcement(String id, String triggerInstanceId, String ruleRef, String ruleUid, String ruleId, Rule rule,
                              String executionId, Status status, String failureReason, Instant enforcedAt) {

    public RuleEnforcement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(enforcedAt, "enforcedAt");
    }

    /** Whether the enforcement succeeded (an execution was requested). */
    public enum Status {
        /** An execution was requested. */
        SUCCEEDED,
        /** Matching raised, rendering failed, or the execution could not be requested. */
        FAILED;

        private final String wireName = name().toLowerCase(Locale.ROOT);

        /** {@code succeeded} or {@code failed}, as in the API. */
        public String wireName() {
            return wireName;
        }
    }
}
