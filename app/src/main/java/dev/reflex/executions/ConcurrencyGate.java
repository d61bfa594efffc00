package dev.reflex.executions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies concurrency policies: counts the executions holding a slot per policy group (the policy,
 * plus the values of its attributes) and decides for each new one whether it runs, waits as
 * {@code delayed} (first come, first served) or is canceled. State is in memory: after a restart the
 * executions that were waiting are dispatched again and queue anew.
 */
final class ConcurrencyGate {

    /** The decision for one execution. */
    sealed interface Decision {
    }

    /** Run now; the execution holds these slots until {@link #release}. */
    record Proceed(List<String> slots) implements Decision {
    }

    /** Wait in the queue of this group. */
    record Delay(String group, String policyRef) implements Decision {
    }

    /** Cancel, as the policy says. */
    record Cancel(String policyRef, int threshold) implements Decision {
    }

    private final Map<String, Integer> holding = new HashMap<>();
    private final Map<String, Deque<String>> waiting = new HashMap<>();

    /**
     * Decides for an execution under the given concurrency policies.
     *
     * @param executionId the execution
     * @param policies    the enabled concurrency policies of its action
     * @param parameters  its parameter values, for attribute groups
     * @param requeued    whether it was waiting before (it then keeps its place at the front)
     */
    synchronized Decision acquire(String executionId, List<Policy> policies, Map<String, Object> parameters,
                                  boolean requeued) {
        List<String> groups = new ArrayList<>();
        for (Policy p : policies) {
            if (!(p.rule() instanceof Policy.Concurrency c)) {
                continue;
            }
            StringBuilder group = new StringBuilder(p.ref());
            for (String attribute : c.attributes()) {
                group.append('\u0000').append(attribute).append('=').append(parameters.get(attribute));
            }
            String key = group.toString();
            if (holding.getOrDefault(key, 0) >= c.threshold()) {
                if (c.overLimit() == Policy.OverLimit.CANCEL) {
                    return new Cancel(p.ref(), c.threshold());
                }
                Deque<String> queue = waiting.computeIfAbsent(key, k -> new ArrayDeque<>());
                if (requeued) {
                    queue.addFirst(executionId);
                } else {
                    queue.addLast(executionId);
                }
                return new Delay(key, p.ref());
            }
            groups.add(key);
        }
        groups.forEach(g -> holding.merge(g, 1, Integer::sum));
        return new Proceed(groups);
    }

    /** Frees the slots of a finished execution; returns the waiting executions to try again, in order. */
    synchronized List<String> release(List<String> slots) {
        List<String> wake = new ArrayList<>();
        for (String g : slots) {
            holding.computeIfPresent(g, (k, n) -> n <= 1 ? null : n - 1);
            Deque<String> queue = waiting.get(g);
            if (queue != null && !queue.isEmpty()) {
                wake.add(queue.pollFirst());
                if (queue.isEmpty()) {
                    waiting.remove(g);
                }
            }
        }
        return wake;
    }

    /** Removes a waiting execution (canceled while delayed). */
    synchronized void forget(String executionId) {
        waiting.values().forEach(q -> q.remove(executionId));
    }
}
