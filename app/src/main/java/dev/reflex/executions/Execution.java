package dev.reflex.executions;

import dev.reflex.actions.ResolvedParameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One run of an action, as recorded: StackStorm's execution fields. Immutable; each transition
 * makes a new record.
 *
 * @param id             the execution id (24 hex digits, time-ordered)
 * @param actionRef      the action, {@code pack.name}
 * @param runnerType     the action's runner
 * @param parameters     the live parameter values, unmasked (they are masked on the way out)
 * @param secrets        the names of the secret parameters
 * @param status         the current status
 * @param startTimestamp when it was requested
 * @param endTimestamp   when it completed, or null
 * @param result         the runner's result, or null before completion
 * @param context        {@code user}, {@code pack}, and from rules {@code rule}, {@code trigger_instance};
 *                       {@code parent} for children, {@code re-run} for re-runs
 * @param parentId       the parent execution's id, or null
 * @param children       the ids of child executions
 * @param log            every status reached, in order
 */
public record Execution(String id, String actionRef, String runnerType, Map<String, Object> parameters,
                        Set<String> secrets, ExecutionStatus status, Instant startTimestamp, Instant endTimestamp,
                        Map<String, Object> result, Map<String, Object> context, String parentId, List<String> children,
                        List<StatusChange> log) {

    public Execution {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actionRef, "actionRef");
        Objects.requireNonNull(runnerType, "runnerType");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        secrets = Set.copyOf(secrets);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startTimestamp, "startTimestamp");
        result = result == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(result));
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
        children = List.copyOf(children);
        log = List.copyOf(log);
    }

    /** A new execution in status {@code requested}. */
    public static Execution requested(String id, String actionRef, String runnerType, ResolvedParameters parameters,
                                      Map<String, Object> context, String parentId, Instant now) {
        return new Execution(id, actionRef, runnerType, parameters.live(), parameters.secrets(),
                ExecutionStatus.REQUESTED, now, null, null, context, parentId, List.of(),
                List.of(new StatusChange(ExecutionStatus.REQUESTED, now)));
    }

    /**
     * This execution in status {@code next}, logged at {@code at}; a completed status sets the end time.
     *
     * @throws IllegalStateException when StackStorm's status machine does not allow the move
     */
    public Execution moveTo(ExecutionStatus next, Instant at) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("execution " + id + " cannot move from " + status.value() + " to " + next.value());
        }
        List<StatusChange> l = new ArrayList<>(log);
        l.add(new StatusChange(next, at));
        return new Execution(id, actionRef, runnerType, parameters, secrets, next, startTimestamp,
                next.completed() ? at : endTimestamp, result, context, parentId, children, l);
    }

    /** This execution with a result. */
    public Execution withResult(Map<String, Object> value) {
        return new Execution(id, actionRef, runnerType, parameters, secrets, status, startTimestamp, endTimestamp, value,
                context, parentId, children, log);
    }

    /** This execution with one more child. */
    public Execution withChild(String childId) {
        List<String> c = new ArrayList<>(children);
        c.add(childId);
        return new Execution(id, actionRef, runnerType, parameters, secrets, status, startTimestamp, endTimestamp, result,
                context, parentId, c, log);
    }

    /** The parameters with every secret masked. */
    public Map<String, Object> maskedParameters() {
        return ResolvedParameters.mask(parameters, secrets);
    }

    /** {@code context.user}, or null. */
    public String user() {
        return context.get("user") instanceof String s ? s : null;
    }

    /** The ref of the rule that requested it, or null. */
    public String ruleRef() {
        if (context.get("rule") instanceof Map<?, ?> rule) {
            Object ref = rule.get("ref") != null ? rule.get("ref") : rule.get("name");
            return ref == null ? null : String.valueOf(ref);
        }
        return null;
    }

    /** The id of the trigger instance that caused it, or null. */
    public String triggerInstanceId() {
        if (context.get("trigger_instance") instanceof Map<?, ?> ti && ti.get("id") != null) {
            return String.valueOf(ti.get("id"));
        }
        return null;
    }

    /** Names the execution without its parameters or result. */
    @Override
    public String toString() {
        return "Execution[" + id + ", " + actionRef + ", " + status.value() + "]";
    }
}
