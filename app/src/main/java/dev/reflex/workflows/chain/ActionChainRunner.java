package dev.reflex.workflows.chain;

import dev.reflex.actions.Action;
import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ParameterType;
import dev.reflex.actions.ResolvedParameters;
import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionService;
import dev.reflex.executions.ExecutionStatus;
import dev.reflex.executions.Orchestrator;
import dev.reflex.rules.ParameterCaster;
import dev.reflex.runners.RunnerType;
import dev.reflex.template.TemplateEngine;
import dev.reflex.workflows.WorkflowStates;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code action-chain} runner: runs a StackStorm chain file one task at a time, each task a child
 * execution, following {@code on-success} or {@code on-failure} as each child completes (the engine
 * signals it; nothing polls). The chain ends with the status of the last task it ran, so a failed
 * task whose {@code on-failure} handler succeeds leaves the chain {@code succeeded}. An unknown
 * action, a template that does not render or a broken chain file fail the chain with an
 * {@code error} and do not follow {@code on-failure}.
 *
 * <p>Every task transition is saved in {@link WorkflowStates} before the chain acts on it, so that
 * after a restart {@link #recover} carries on: a completed task never runs twice, and a task that was
 * running when the server stopped (marked abandoned by the engine) follows its {@code on-failure}.
 */
public final class ActionChainRunner implements Orchestrator {

    /** The runner name. */
    public static final String NAME = "action-chain";
    /** The runner type, with StackStorm's two runner parameters. */
    public static final RunnerType TYPE = RunnerType.of(NAME,
            "Runs a chain of actions, one after the other, following each task's on-success or on-failure.",
            List.of(ParameterSpec.of("skip_notify", ParameterType.ARRAY)
                            .withDescription("Names of tasks whose executions send no notifications."),
                    ParameterSpec.of("display_published", ParameterType.BOOLEAN).withDefault(true)
                            .withDescription("Whether the result shows the variables and published values under 'published'.")));

    private static final Logger LOG = LoggerFactory.getLogger(ActionChainRunner.class);

    private final WorkflowStates states;
    private final ChainRendering rendering;
    private final ParameterCaster caster;
    private final Map<String, RunningChain> chains = new ConcurrentHashMap<>();
    private volatile ExecutionService engine;

    /**
     * A runner.
     *
     * @param states    where each chain's progress is kept
     * @param templates renders the chain's templates
     * @param keyValues the datastore, for {@code st2kv.system}
     * @param caster    casts rendered values to the callee's parameter types, and tells shell commands apart
     */
    public ActionChainRunner(WorkflowStates states, TemplateEngine templates,
                             Function<String, Optional<String>> keyValues, ParameterCaster caster) {
        this.states = states;
        this.rendering = new ChainRendering(templates, keyValues, caster);
        this.caster = caster;
    }

    @Override
    public RunnerType type() {
        return TYPE;
    }

    @Override
    public void attach(ExecutionService e) {
        this.engine = e;
    }

    @Override
    public void start(Execution execution, Action action, ResolvedParameters parameters) {
        RunningChain chain = new RunningChain(execution, parameters.all());
        chain.notify = new ChainNotify(execution, action, chain.parameters);
        chains.put(execution.id(), chain);
        synchronized (chain) {
            try {
                chain.definition = ChainFiles.load(action);
                Map<String, Object> ctx = rendering.context(chain.parameters, Map.of(), Map.of(), chain.actionContext(null));
                chain.progress.vars = rendering.variables(chain.definition.vars(), ctx);
            } catch (ChainFiles.ChainFailure | ChainRendering.RenderingFailed e) {
                fail(chain, e.getMessage());
                return;
            }
            chain.progress.next = chain.definition.start().name();
            proceed(chain);
        }
    }

    @Override
    public void recover(Execution execution, Action action) {
        RunningChain chain = new RunningChain(execution, ChainFiles.parameters(action, execution));
        chain.notify = new ChainNotify(execution, action, chain.parameters);
        chains.put(execution.id(), chain);
        synchronized (chain) {
            try {
                chain.definition = ChainFiles.load(action);
            } catch (ChainFiles.ChainFailure e) {
                fail(chain, e.getMessage());
                return;
            }
            Optional<String> saved = states.load(execution.id());
            if (saved.isEmpty()) {
                LOG.info("chain {} had not started a task before the restart; starting it", execution.id());
                try {
                    Map<String, Object> ctx = rendering.context(chain.parameters, Map.of(), Map.of(), chain.actionContext(null));
                    chain.progress.vars = rendering.variables(chain.definition.vars(), ctx);
                } catch (ChainRendering.RenderingFailed e) {
                    fail(chain, e.getMessage());
                    return;
                }
                chain.progress.next = chain.definition.start().name();
                proceed(chain);
                return;
            }
            chain.progress = ChainProgress.fromJson(saved.get());
            for (ChainProgress.Done d : chain.progress.done) {
                Execution child = engine.find(d.executionId()).orElseThrow(() ->
                        new IllegalStateException("task " + d.name() + " ran as execution " + d.executionId() + ", which is gone"));
                chain.record(d.name(), child);
            }
            if (chain.progress.error != null) {
                finish(chain, ExecutionStatus.FAILED);
                return;
            }
            if (chain.progress.current != null) {
                String childId = chain.progress.currentExecution != null ? chain.progress.currentExecution
                        : requestedBeforeTheCrash(chain);
                if (childId == null) {
                    // the server stopped before the task was requested: request it now
                    chain.progress.next = chain.progress.current;
                    chain.progress.current = null;
                } else {
                    chain.progress.currentExecution = childId;
                    Execution child = engine.find(childId).orElseThrow();
                    if (child.status().completed()) {
                        taskDone(chain, child);
                        return;
                    }
                    // not started yet: the engine dispatches it again and it reports as usual
                }
            }
            if (execution.status() == ExecutionStatus.CANCELING) {
                cancelRunningTask(chain);
            }
            proceed(chain);
        }
    }

    /** The child requested for the current task, when the server stopped before its id was saved. */
    private String requestedBeforeTheCrash(RunningChain chain) {
        List<String> known = chain.progress.done.stream().map(ChainProgress.Done::executionId).toList();
        for (Execution c : engine.children(chain.id)) {
            if (!known.contains(c.id()) && c.context().get("chain") instanceof Map<?, ?> m
                    && chain.progress.current.equals(m.get("name"))) {
                return c.id();
            }
        }
        return null;
    }

    @Override
    public void childCompleted(Execution child) {
        RunningChain chain = chains.get(child.parentId());
        if (chain == null) {
            LOG.warn("task execution {} completed for chain {}, which is not running here", child.id(), child.parentId());
            return;
        }
        synchronized (chain) {
            if (!child.id().equals(chain.progress.currentExecution)) {
                return;
            }
            taskDone(chain, child);
        }
    }

    /**
     * The running task paused (a user paused it directly) or waits on an inquiry: the chain pauses
     * too, as StackStorm's does, and a resume of the chain resumes the paused task.
     */
    @Override
    public void childPaused(Execution child) {
        RunningChain chain = chains.get(child.parentId());
        if (chain == null) {
            return;
        }
        synchronized (chain) {
            if (!child.id().equals(chain.progress.currentExecution)) {
                return;
            }
            if (engine.find(chain.id).map(Execution::status).orElse(null) == ExecutionStatus.RUNNING) {
                control(() -> engine.pause(chain.id));
            }
            proceed(chain);
        }
    }

    @Override
    public void cancel(Execution execution) {
        RunningChain chain = chains.get(execution.id());
        if (chain == null) {
            engine.finish(execution.id(), ExecutionStatus.CANCELED, Map.of("tasks", List.of()));
            return;
        }
        synchronized (chain) {
            cancelRunningTask(chain);
            proceed(chain);
        }
    }

    @Override
    public void pause(Execution execution) {
        RunningChain chain = chains.get(execution.id());
        if (chain == null) {
            return;
        }
        synchronized (chain) {
            runningTask(chain).filter(c -> c.status() == ExecutionStatus.RUNNING && engine.orchestrated(c.runnerType()))
                    .ifPresent(c -> control(() -> engine.pause(c.id())));
            proceed(chain);
        }
    }

    @Override
    public void resume(Execution execution) {
        RunningChain chain = chains.get(execution.id());
        if (chain == null) {
            return;
        }
        synchronized (chain) {
            runningTask(chain).filter(c -> c.status() == ExecutionStatus.PAUSED)
                    .ifPresent(c -> control(() -> engine.resume(c.id())));
            proceed(chain);
        }
    }

    @Override
    public void shutdown() {
        chains.clear();
    }

    private void cancelRunningTask(RunningChain chain) {
        runningTask(chain).ifPresent(c -> control(() -> engine.cancel(c.id(), "the chain " + chain.id + " was canceled")));
    }

    /** Whether the running task is paused or pending, so that a pausing chain can be paused. */
    private boolean runningTaskIdle(RunningChain chain) {
        return runningTask(chain).map(c -> c.status() == ExecutionStatus.PAUSED || c.status() == ExecutionStatus.PENDING)
                .orElse(false);
    }

    private Optional<Execution> runningTask(RunningChain chain) {
        if (chain.progress.currentExecution == null) {
            return Optional.empty();
        }
        return engine.find(chain.progress.currentExecution).filter(c -> !c.status().completed());
    }

    private static void control(Runnable call) {
        try {
            call.run();
        } catch (IllegalStateException e) {
            // the task moved on meanwhile (completed, or already paused): its completion reports as usual
            LOG.debug("task control skipped: {}", e.getMessage());
        }
    }

    /** Records a completed task and picks the next one, then carries on as the chain's status allows. */
    private void taskDone(RunningChain chain, Execution child) {
        ChainProgress p = chain.progress;
        ChainDefinition.Node node = chain.definition.node(p.current).orElseThrow();
        p.done.add(new ChainProgress.Done(node.name(), child.id()));
        chain.record(node.name(), child);
        p.current = null;
        p.currentExecution = null;
        p.next = null;
        switch (child.status()) {
            case CANCELED -> {
                states.save(chain.id, NAME, p.toJson());
                finish(chain, ExecutionStatus.CANCELED);
                return;
            }
            case SUCCEEDED -> {
                if (!node.publish().isEmpty()) {
                    Map<String, Object> ctx = chain.taskContext(rendering, null);
                    ctx.put(node.name(), dev.reflex.template.TemplateValues.view(child.result()));
                    try {
                        p.published.putAll(rendering.variables(node.publish(), ctx));
                    } catch (ChainRendering.RenderingFailed e) {
                        fail(chain, "Task \"" + node.name() + "\": " + e.getMessage());
                        return;
                    }
                }
                p.next = node.onSuccess().orElse(null);
            }
            default -> p.next = node.onFailure().orElse(null);
        }
        states.save(chain.id, NAME, p.toJson());
        interimResult(chain);
        proceed(chain);
    }

    /** Starts the next task, pauses, ends or waits, as the chain's status and progress say. */
    private void proceed(RunningChain chain) {
        Execution wf = engine.find(chain.id).orElseThrow();
        ExecutionStatus status = wf.status();
        if (status.completed()) {
            chains.remove(chain.id);
            return;
        }
        if (status == ExecutionStatus.RESUMING) {
            try {
                engine.transition(chain.id, ExecutionStatus.RUNNING, null);
                status = ExecutionStatus.RUNNING;
            } catch (IllegalStateException e) {
                // cancelled meanwhile: the cancel callback carries on
                return;
            }
        }
        if (chain.progress.current != null && !(status == ExecutionStatus.PAUSING && runningTaskIdle(chain))) {
            return;
        }
        switch (status) {
            case CANCELING -> finish(chain, ExecutionStatus.CANCELED);
            case PAUSING -> {
                states.save(chain.id, NAME, chain.progress.toJson());
                try {
                    engine.transition(chain.id, ExecutionStatus.PAUSED, null);
                } catch (IllegalStateException e) {
                    LOG.debug("chain {} not paused: {}", chain.id, e.getMessage());
                }
            }
            case RUNNING -> {
                if (chain.progress.next == null) {
                    finish(chain, chain.lastStatus());
                } else {
                    startTask(chain, chain.definition.node(chain.progress.next).orElseThrow());
                }
            }
            default -> {
                // paused: the task to run next is saved; resume carries on
            }
        }
    }

    private void startTask(RunningChain chain, ChainDefinition.Node node) {
        Map<String, Object> parameters;
        Map<String, Object> childContext = new java.util.LinkedHashMap<>();
        childContext.put("chain", Map.of("name", node.name()));
        try {
            Action callee = engine.action(node.ref());
            chain.notify.forTask(node, callee).ifPresent(n -> childContext.put("notify", n));
            parameters = caster.cast(node.ref(), rendering.parameters(node.parameters(),
                    chain.taskContext(rendering, node.name()), node.ref()));
        } catch (ChainRendering.RenderingFailed | IllegalArgumentException e) {
            fail(chain, "Task \"" + node.name() + "\": " + e.getMessage());
            return;
        }
        ChainProgress p = chain.progress;
        p.current = node.name();
        p.currentExecution = null;
        p.next = null;
        states.save(chain.id, NAME, p.toJson());
        Execution child;
        try {
            child = engine.requestChild(chain.id, node.ref(), parameters, childContext);
        } catch (IllegalArgumentException e) {
            p.current = null;
            fail(chain, "Task \"" + node.name() + "\": " + e.getMessage());
            return;
        }
        p.currentExecution = child.id();
        states.save(chain.id, NAME, p.toJson());
    }

    private void interimResult(RunningChain chain) {
        try {
            ExecutionStatus status = engine.find(chain.id).orElseThrow().status();
            if (!status.completed()) {
                engine.transition(chain.id, status, chain.result());
            }
        } catch (IllegalStateException e) {
            LOG.debug("interim result of chain {} not recorded: {}", chain.id, e.getMessage());
        }
    }

    /** A runtime error: the chain fails with it, without following any on-failure. */
    private void fail(RunningChain chain, String error) {
        chain.progress.error = error;
        chain.progress.next = null;
        states.save(chain.id, NAME, chain.progress.toJson());
        finish(chain, ExecutionStatus.FAILED);
    }

    private void finish(RunningChain chain, ExecutionStatus status) {
        engine.finish(chain.id, status, chain.result());
        chains.remove(chain.id);
        states.delete(chain.id);
    }
}
