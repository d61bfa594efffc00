package dev.reflex.executions;

import dev.reflex.rules.ExecutionRequest;
import dev.reflex.rules.ExecutionRequestSink;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules engine's {@link ExecutionRequestSink}: each enforcement becomes a real execution, its
 * context carrying the rule and the trigger instance. Values the rule rendered are never rendered
 * again (a payload containing {@code {{ }}} stays text). A request whose parameters could not be
 * rendered is recorded as a failed execution, as StackStorm records it.
 */
public final class RuleExecutionSink implements ExecutionRequestSink {

    private final ExecutionService executions;
    private final ActionCaster caster;

    /** A sink creating executions in {@code executions}, casting with {@code caster}. */
    public RuleExecutionSink(ExecutionService executions, ActionCaster caster) {
        this.executions = executions;
        this.caster = caster;
    }

    @Override
    public String submit(ExecutionRequest request) {
        Map<String, Object> ctx = context(request);
        Map<String, Object> params = caster.cast(request.actionRef(), request.parameters());
        // Not waiting for the commit: the dispatcher's record of this enforcement is queued after the insert.
        return executions.requestQueued(request.actionRef(), params, ctx, false).id();
    }

    @Override
    public String rejected(ExecutionRequest request, String error) {
        return executions.failedRequest(request.actionRef(), request.parameters(), context(request), error).id();
    }

    private static Map<String, Object> context(ExecutionRequest request) {
        Map<String, Object> ctx = new LinkedHashMap<>(request.context());
        if (ctx.get("rule") instanceof Map<?, ?> rule) {
            Map<String, Object> r = new LinkedHashMap<>();
            rule.forEach((k, v) -> r.put(String.valueOf(k), v));
            r.putIfAbsent("ref", request.ruleRef());
            ctx.put("rule", r);
        } else {
            ctx.put("rule", Map.of("ref", request.ruleRef()));
        }
        if (!(ctx.get("trigger_instance") instanceof Map<?, ?>) && request.triggerInstanceId() != null) {
            ctx.put("trigger_instance", Map.of("id", request.triggerInstanceId()));
        }
        return ctx;
    }
}
