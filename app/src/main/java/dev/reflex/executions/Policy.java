package dev.reflex.executions;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A policy in StackStorm's format, applied to the executions of one action.
 *
 * @param pack        the pack it belongs to
 * @param name        its name (may contain dots, as {@code greet.concurrency})
 * @param description one line, empty when none
 * @param enabled     whether it applies
 * @param resourceRef the action it applies to
 * @param rule        what it does
 */
public record Policy(String pack, String name, String description, boolean enabled, String resourceRef, Rule rule) {

    public Policy {
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        Objects.requireNonNull(resourceRef, "resourceRef");
        Objects.requireNonNull(rule, "rule");
    }

    /** The ref, {@code pack.name}. */
    public String ref() {
        return pack + "." + name;
    }

    /** The policy types Reflex applies. */
    public sealed interface Rule {

        /** StackStorm's {@code policy_type}. */
        String type();
    }

    /** What a concurrency policy does with an execution over the threshold. */
    public enum OverLimit {
        /** Queue it as {@code delayed} until a slot frees. */
        DELAY,
        /** Cancel it. */
        CANCEL
    }

    /**
     * {@code action.concurrency} (no attributes) or {@code action.concurrency.attr}: at most
     * {@code threshold} executions of the action run at once (per distinct value of the attributes).
     *
     * @param threshold  how many may run at once
     * @param overLimit  what happens to the others
     * @param attributes the parameters whose values form separate groups; empty for the whole action
     */
    public record Concurrency(int threshold, OverLimit overLimit, List<String> attributes) implements Rule {
        public Concurrency {
            if (threshold < 0) {
                throw new IllegalArgumentException("threshold must not be negative");
            }
            Objects.requireNonNull(overLimit, "overLimit");
            attributes = List.copyOf(attributes);
        }

        @Override
        public String type() {
            return attributes.isEmpty() ? "action.concurrency" : "action.concurrency.attr";
        }
    }

    /** When a retry policy retries. */
    public enum RetryOn {
        /** After a failed execution. */
        FAILURE,
        /** After a timed-out execution. */
        TIMEOUT
    }

    /**
     * {@code action.retry}: an execution that failed (or timed out) is requested again, up to
     * {@code maxRetryCount} times, each after {@code delay}.
     *
     * @param retryOn       the outcome that triggers a retry
     * @param maxRetryCount how many retries at most
     * @param delay         how long to wait before each retry
     */
    public record Retry(RetryOn retryOn, int maxRetryCount, Duration delay) implements Rule {
        public Retry {
            Objects.requireNonNull(retryOn, "retryOn");
            Objects.requireNonNull(delay, "delay");
        }

        @Override
        public String type() {
            return "action.retry";
        }
    }
}
