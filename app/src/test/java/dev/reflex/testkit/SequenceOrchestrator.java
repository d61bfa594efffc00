package dev.reflex.testkit;

import dev.reflex.actions.Action;
import dev.reflex.actions.ResolvedParameters;
import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionService;
import dev.reflex.executions.ExecutionStatus;
import dev.reflex.executions.Orchestrator;
import dev.reflex.runners.RunnerType;
import java.util.List;
import java.util.Map;

/**
 * A minimal workflow runner for tests ({@code runner_type: sequence}): runs the action refs in its
 * {@code tasks} parameter one after the other, each a child named {@code t0}, {@code t1}… in
 * {@code context.chain.name}, and succeeds when all succeeded. It pauses once no child is running
 * (a pending inquiry counts as idle) and passes its parameters on: {@code ask} to tasks whose ref
 * ends in {@code ask}, {@code gate} to those ending in {@code gated}, {@code inner} as the tasks of a
 * nested sequence. Its callbacks are serialised, so
 * a child's completion and a resume arriving together start the next task once.
 */
public final class SequenceOrchestrator implements Orchestrator {

    private ExecutionService engine;

    @Override
    public RunnerType type() {
        return RunnerType.of("sequence", "runs tasks in order (tests)", List.of());
    }

    @Override
    public void attach(ExecutionService e) {
        engine = e;
    }

    @Override
    public void start(Execution execution, Action action, ResolvedParameters parameters) {
        next(execution.id());
    }

    @SuppressWarnings("unchecked")
    private synchronized void next(String id) {
        Execution wf = engine.find(id).orElseThrow();
        if (wf.status() == ExecutionStatus.PAUSING && idle(id)) {
            engine.transition(id, ExecutionStatus.PAUSED, null);
        }
        if (wf.status() != ExecutionStatus.RUNNING) {
            return;
        }
        List<String> tasks = (List<String>) wf.parameters().get("tasks");
        List<Execution> children = engine.children(id);
        if (!children.isEmpty() && !children.getLast().status().completed()) {
            return;
        }
        if (children.stream().anyMatch(c -> c.status() != ExecutionStatus.SUCCEEDED)) {
            engine.finish(id, ExecutionStatus.FAILED, Map.of("tasks", children.stream().map(Execution::id).toList()));
            return;
        }
        if (children.size() == tasks.size()) {
            engine.finish(id, ExecutionStatus.SUCCEEDED, Map.of("tasks", children.stream().map(Execution::id).toList()));
            return;
        }
        String ref = tasks.get(children.size());
        Map<String, Object> params = Map.of();
        if (ref.endsWith("ask") && wf.parameters().get("ask") instanceof Map<?, ?> m) {
            params = (Map<String, Object>) m;
        } else if (ref.endsWith("gated")) {
            params = Map.of("gate", String.valueOf(wf.parameters().getOrDefault("gate", "/nonexistent/gate")));
        } else if (wf.parameters().get("inner") instanceof List<?> inner && ref.endsWith("seq")) {
            params = Map.of("tasks", inner, "ask", wf.parameters().getOrDefault("ask", Map.of()));
        }
        engine.requestChild(id, ref, params, Map.of("chain", Map.of("name", "t" + children.size())));
    }

    private boolean idle(String id) {
        return engine.children(id).stream().allMatch(c -> c.status().completed() || c.status() == ExecutionStatus.PENDING
                || c.status() == ExecutionStatus.PAUSED);
    }

    @Override
    public void childCompleted(Execution child) {
        next(child.parentId());
    }

    @Override
    public void recover(Execution execution, Action action) {
        next(execution.id());
    }

    @Override
    public synchronized void cancel(Execution execution) {
        for (Execution c : engine.children(execution.id())) {
            if (!c.status().completed()) {
                engine.cancel(c.id(), "parent");
            }
        }
        engine.finish(execution.id(), ExecutionStatus.CANCELED, Map.of("error", "canceled"));
    }

    @Override
    public void pause(Execution execution) {
        for (Execution c : engine.children(execution.id())) {
            if (c.status() == ExecutionStatus.RUNNING && engine.orchestrated(c.runnerType())) {
                try {
                    engine.pause(c.id());
                } catch (IllegalStateException e) {
                    // an inquiry, or already pausing
                }
            }
        }
        next(execution.id());
    }

    @Override
    public void resume(Execution execution) {
        synchronized (this) {
            engine.transition(execution.id(), ExecutionStatus.RUNNING, null);
        }
        next(execution.id());
    }
}
