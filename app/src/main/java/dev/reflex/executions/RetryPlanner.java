package dev.reflex.executions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a completed execution is retried under an {@code action.retry} policy, as
 * StackStorm does: a failed (or timed-out, per {@code retry_on}) execution that is not a workflow
 * child is requested again with the same parameters, until {@code max_retry_count} retries were made.
 * The new execution's context records {@code policies.retry} ({@code applied_policy},
 * {@code retry_count}, {@code retried_liveaction_id}).
 */
final class RetryPlanner {

    /** A retry to request: its context and how long to wait first. */
    record Retry(Map<String, Object> context, Duration delay) {
    }

    private RetryPlanner() {
    }

    static Optional<Retry> plan(Execution done, List<Policy> policies) {
        if (done.parentId() != null) {
            return Optional.empty();
        }
        for (Policy p : policies) {
            if (!(p.rule() instanceof Policy.Retry r)) {
                continue;
            }
            boolean applies = r.retryOn() == Policy.RetryOn.FAILURE ? done.status() == ExecutionStatus.FAILED
                    : done.status() == ExecutionStatus.TIMEOUT;
            int count = retriesSoFar(done);
            if (!applies || count >= r.maxRetryCount()) {
                continue;
            }
            Map<String, Object> ctx = new LinkedHashMap<>(done.context());
            Map<String, Object> retry = new LinkedHashMap<>();
            retry.put("applied_policy", p.ref());
            retry.put("retry_count", count + 1);
            retry.put("retried_liveaction_id", done.id());
            ctx.put("policies", Map.of("retry", retry));
            return Optional.of(new Retry(ctx, r.delay()));
        }
        return Optional.empty();
    }

    private static int retriesSoFar(Execution e) {
        if (e.context().get("policies") instanceof Map<?, ?> policies && policies.get("retry") instanceof Map<?, ?> retry
                && retry.get("retry_count") instanceof Number n) {
            return n.intValue();
        }
        return 0;
    }
}
