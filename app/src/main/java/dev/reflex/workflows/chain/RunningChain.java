package dev.reflex.workflows.chain;

import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chain the runner is driving: its definition, its parameters, its durable progress and, in
 * memory, the completed tasks' executions (read back from the store after a restart). Guarded by its
 * own monitor.
 */
final class RunningChain {

    final String id;
    private final Map<String, Object> context;
    final Map<String, Object> parameters;
    ChainDefinition definition;
    ChainNotify notify;
    ChainProgress progress = new ChainProgress();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<Map.Entry<String, Execution>> tasks = new ArrayList<>();

    RunningChain(Execution execution, Map<String, Object> parameters) {
        this.id = execution.id();
        this.context = execution.context();
        this.parameters = new LinkedHashMap<>(parameters);
    }

    /** A completed task: its result is what later templates see under its name. */
    void record(String name, Execution child) {
        tasks.add(Map.entry(name, child));
        results.put(name, child.result());
    }

    /** The chain's status when it ends now: the status of the last task run (failed, timeout, abandoned as failed). */
    ExecutionStatus lastStatus() {
        if (tasks.isEmpty()) {
            return ExecutionStatus.SUCCEEDED;
        }
        return switch (tasks.getLast().getValue().status()) {
            case SUCCEEDED -> ExecutionStatus.SUCCEEDED;
            case TIMEOUT -> ExecutionStatus.TIMEOUT;
            case CANCELED -> ExecutionStatus.CANCELED;
            default -> ExecutionStatus.FAILED;
        };
    }

    /** What a task's templates see (see {@link ChainRendering#context}); {@code task} names it in {@code action_context}. */
    Map<String, Object> taskContext(ChainRendering rendering, String task) {
        return rendering.context(parameters, results, progress.variables(), actionContext(task));
    }

    /** {@code action_context}: the chain's context with its execution id as {@code parent}, and the task. */
    Map<String, Object> actionContext(String task) {
        Map<String, Object> parent = new LinkedHashMap<>(context);
        parent.put("execution_id", id);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("parent", parent);
        if (context.get("user") != null) {
            ctx.put("user", context.get("user"));
        }
        if (task != null) {
            ctx.put("chain", Map.of("name", task));
        }
        return ctx;
    }

    /** The chain's result: {@code tasks}, {@code published} when it has variables, and the error if one ended it. */
    Map<String, Object> result() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map.Entry<String, Execution> t : tasks) {
            Execution c = t.getValue();
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("id", t.getKey());
            task.put("name", t.getKey());
            task.put("execution_id", c.id());
            task.put("workflow", null);
            task.put("created_at", c.startTimestamp().toString());
            task.put("updated_at", (c.endTimestamp() == null ? c.startTimestamp() : c.endTimestamp()).toString());
            task.put("state", c.status().value());
            task.put("result", c.result());
            list.add(task);
        }
        out.put("tasks", list);
        boolean hasVariables = definition != null && (!definition.vars().isEmpty()
                || definition.nodes().stream().anyMatch(n -> !n.publish().isEmpty()));
        if (hasVariables && !Boolean.FALSE.equals(parameters.get("display_published"))) {
            out.put("published", progress.variables());
        }
        if (progress.error != null) {
            out.put("error", progress.error);
        }
        return out;
    }
}
