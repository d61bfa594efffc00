package dev.reflex.workflows.orquesta;

import dev.reflex.actions.Action;
import dev.reflex.actions.ResolvedParameters;
import dev.reflex.config.ConfigProblem;
import dev.reflex.config.LoadResult;
import dev.reflex.config.StrictLoader;
import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionService;
import dev.reflex.executions.ExecutionStatus;
import dev.reflex.executions.Orchestrator;
import dev.reflex.runners.RunnerType;
import dev.reflex.template.TemplateEngine;
import dev.reflex.workflows.WorkflowStates;
import dev.reflex.workflows.orquesta.FlowState.Unit;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code orquesta} runner: runs graph workflows without holding a thread. Each decision of the
 * {@link Conductor} is saved in {@link WorkflowStates} before the runner acts on it (requests the
 * tasks' child executions, arms a deadline, ends the workflow). After a restart, {@link #recover}
 * reconciles the saved state with the workflow's children: a child requested but not yet recorded
 * is adopted rather than requested again, a child that completed meanwhile is taken into account, and
 * a task the crash abandoned follows its failure transitions.
 */
public final class OrquestaRunner implements Orchestrator {

    /** The runner's name in {@code runner_type}. */
    public static final String NAME = "orquesta";
    private static final Logger LOG = LoggerFactory.getLogger(OrquestaRunner.class);
    private static final RunnerType TYPE = RunnerType.of(NAME,
            "Graph workflows in StackStorm's Orquesta format, with Jinja expressions", List.of());

    private final WorkflowStates states;
    private final Clock clock;
    private final Function<String, Optional<String>> keyValues;
    private final TemplateEngine templates;
    private final Expressions expressions;
    private final DeadlineTimer timer;
    private final WorkflowFiles files;
    private final Map<String, Flow> flows = new ConcurrentHashMap<>();
    private ExecutionService engine;

    /** One live workflow: its spec and conductor; the lock for its decisions. */
    private record Flow(String id, Conductor conductor) {
    }

    /**
     * The runner.
     *
     * @param states    where workflow states are saved
     * @param clock     the time source for delays
     * @param keyValues the datastore, for {@code st2kv()}
     */
    public OrquestaRunner(WorkflowStates states, Clock clock, Function<String, Optional<String>> keyValues) {
        this.states = states;
        this.clock = clock;
        this.keyValues = keyValues;
        this.templates = new TemplateEngine(Map.of(), OrquestaFunctions.all());
        this.expressions = new Expressions(templates);
        this.timer = new DeadlineTimer(clock, this::wake);
        this.files = new WorkflowFiles(templates);
    }

    @Override
    public RunnerType type() {
        return TYPE;
    }

    /** Reads a workflow file as the runner would, with every problem located. */
    public LoadResult<WorkflowSpec> load(Path file) {
        return StrictLoader.load(file, WorkflowFormat.of(templates));
    }

    /** How many workflows wait for a delay to end. */
    public int waitingOnDeadlines() {
        return timer.waiting();
    }

    @Override
    public void attach(ExecutionService e) {
        this.engine = e;
    }

    @Override
    public void start(Execution execution, Action action, ResolvedParameters parameters) {
        Optional<WorkflowSpec> spec = spec(execution, action);
        if (spec.isEmpty()) {
            return;
        }
        Flow flow = new Flow(execution.id(), conductor(execution, spec.get(), new FlowState()));
        flows.put(execution.id(), flow);
        synchronized (flow) {
            // the action's parameters with their defaults filled in, as StackStorm gives the workflow's input
            Map<String, Object> input = new LinkedHashMap<>(execution.parameters());
            parameters.action().forEach((k, v) -> {
                if (v != null) {
                    input.put(k, v);
                }
            });
            flow.conductor().begin(input, clock.millis());
            drive(flow);
        }
    }

    private Optional<WorkflowSpec> spec(Execution execution, Action action) {
        WorkflowFiles.Loaded loaded = files.load(action);
        if (loaded.spec() != null) {
            return Optional.of(loaded.spec());
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ConfigProblem p : loaded.problems()) {
            errors.add(Map.of("type", "error", "message", p.toString()));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("errors", errors);
        result.put("output", null);
        engine.finish(execution.id(), ExecutionStatus.FAILED, result);
        return Optional.empty();
    }

    private Conductor conductor(Execution execution, WorkflowSpec spec, FlowState state) {
        Map<String, Object> st2 = new LinkedHashMap<>();
        st2.put("action_execution_id", execution.id());
        st2.put("user", execution.user());
        st2.put("pack", execution.context().get("pack"));
        st2.put("api_user", execution.user());
        return new Conductor(spec, state, expressions, st2, keyValues);
    }

    @Override
    public void childCompleted(Execution child) {
        Flow flow = flow(child.parentId());
        if (flow == null) {
            return;
        }
        synchronized (flow) {
            if (apply(flow, child)) {
                drive(flow);
            }
        }
    }

    private boolean apply(Flow flow, Execution child) {
        if (!(child.context().get("orquesta") instanceof Map<?, ?> o)) {
            return false;
        }
        int run = ((Number) o.get("task_run")).intValue();
        int item = o.get("item_id") instanceof Number n ? n.intValue() : 0;
        int attempt = o.get("attempt") instanceof Number n ? n.intValue() : 0;
        return flow.conductor().childDone(run, item, attempt, child.status().value(), child.result());
    }

    /**
     * Decides, saves, acts; again while acting changes the state (a request that could not be made).
     *
     * <p>The save is queued, then the decision acted on, then the save awaited. The store's single
     * writer commits in queue order, so the durable writes of the acts (each child's row, the
     * workflow's final status) commit in the same transaction as the save or after it: a child is
     * never recorded without the state that requested it, and a decision with no durable act waits
     * for its save alone. (A transaction that fails fails all its writes; the save could fail alone
     * only if its statement did, and then the workflow fails here.)
     */
    private void drive(Flow flow) {
        Conductor c = flow.conductor();
        while (true) {
            Conductor.Decision d = c.step(clock.millis());
            java.util.concurrent.CompletableFuture<Integer> saved = states.saveQueued(flow.id(), NAME, c.state().toJson());
            if (d.ending() != null) {
                end(flow, d.ending());
                saved.join();
                return;
            }
            if (d.paused()) {
                Execution e = engine.find(flow.id()).orElseThrow();
                if (e.status() == ExecutionStatus.PAUSING) {
                    engine.transition(flow.id(), ExecutionStatus.PAUSED, null);
                    wakeParent(e);
                }
            }
            if (d.nextDue() > 0) {
                timer.at(flow.id(), d.nextDue());
            }
            boolean again = false;
            for (Conductor.Request r : d.requests()) {
                try {
                    Execution child = engine.requestChild(flow.id(), r.action(), r.parameters(), r.context());
                    r.unit().childId = child.id();
                } catch (RuntimeException ex) {
                    c.requestFailed(r.unit(), "task '" + r.taskName() + "': " + ex.getMessage());
                    again = true;
                }
            }
            saved.join();
            if (!again) {
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void end(Flow flow, Map<String, Object> ending) {
        ExecutionStatus status = ExecutionStatus.parse(String.valueOf(ending.get("status"))).orElseThrow();
        engine.finish(flow.id(), status, (Map<String, Object>) ending.get("result"));
        timer.cancel(flow.id());
        flows.remove(flow.id());
        states.deleteQueued(flow.id()).whenComplete((rows, failure) -> {
            if (failure != null) {
                LOG.warn("the saved state of completed workflow {} was not deleted: {}", flow.id(), failure.getMessage());
            }
        });
    }

    private void wake(String id) {
        Flow flow = flows.get(id);
        if (flow != null) {
            synchronized (flow) {
                drive(flow);
            }
        }
    }

    /** A parent orquesta workflow that is pausing learns that this child has paused. */
    private void wakeParent(Execution e) {
        if (e.parentId() != null && flows.containsKey(e.parentId())) {
            Thread.ofVirtual().start(() -> wake(e.parentId()));
        }
    }

    @Override
    public void cancel(Execution execution) {
        Flow flow = flow(execution.id());
        if (flow == null) {
            return;
        }
        synchronized (flow) {
            flow.conductor().state().phase = "canceling";
            states.save(flow.id(), NAME, flow.conductor().state().toJson());
            for (Unit u : flow.conductor().state().running()) {
                if (u.childId != null) {
                    try {
                        engine.cancel(u.childId, "parent workflow " + flow.id());
                    } catch (RuntimeException e) {
                        LOG.debug("child {} of {} not canceled: {}", u.childId, flow.id(), e.getMessage());
                    }
                }
            }
            drive(flow);
        }
    }

    @Override
    public void pause(Execution execution) {
        Flow flow = flow(execution.id());
        if (flow == null) {
            return;
        }
        synchronized (flow) {
            FlowState s = flow.conductor().state();
            if (s.phase.equals("running")) {
                s.phase = "pausing";
            }
            states.save(flow.id(), NAME, s.toJson());
            for (Unit u : s.running()) {
                if (u.childId != null && engine.find(u.childId).map(c -> engine.orchestrated(c.runnerType())).orElse(false)) {
                    try {
                        engine.pause(u.childId);
                    } catch (RuntimeException e) {
                        LOG.debug("child {} of {} not paused: {}", u.childId, flow.id(), e.getMessage());
                    }
                }
            }
            drive(flow);
        }
    }

    @Override
    public void resume(Execution execution) {
        Flow flow = flow(execution.id());
        if (flow == null) {
            return;
        }
        synchronized (flow) {
            engine.transition(flow.id(), ExecutionStatus.RUNNING, null);
            FlowState s = flow.conductor().state();
            if (s.phase.equals("pausing") || s.phase.equals("paused")) {
                s.phase = "running";
            }
            for (Unit u : s.running()) {
                if (u.childId != null && engine.find(u.childId).map(c -> c.status() == ExecutionStatus.PAUSED).orElse(false)) {
                    try {
                        engine.resume(u.childId);
                    } catch (RuntimeException e) {
                        LOG.debug("child {} of {} not resumed: {}", u.childId, flow.id(), e.getMessage());
                    }
                }
            }
            drive(flow);
        }
    }

    @Override
    public void recover(Execution execution, Action action) {
        Flow flow = flow(execution.id());
        if (flow == null) {
            // nothing was saved: the server stopped before the workflow's first decision
            start(execution, action, null);
            return;
        }
        synchronized (flow) {
            FlowState s = flow.conductor().state();
            switch (execution.status()) {
                case PAUSING -> s.phase = s.phase.equals("running") ? "pausing" : s.phase;
                case PAUSED -> s.phase = "paused";
                case CANCELING -> s.phase = "canceling";
                case RESUMING -> {
                    engine.transition(flow.id(), ExecutionStatus.RUNNING, null);
                    s.phase = s.phase.equals("pausing") || s.phase.equals("paused") ? "running" : s.phase;
                }
                default -> {
                }
            }
            if (s.ending != null) {
                end(flow, s.ending);
                return;
            }
            drive(flow);
        }
    }

    /** The live workflow, loaded from its saved state and reconciled with its children when not in memory. */
    private Flow flow(String id) {
        Flow f = flows.get(id);
        if (f != null) {
            return f;
        }
        synchronized (flows) {
            f = flows.get(id);
            if (f != null) {
                return f;
            }
            Optional<String> saved = states.load(id);
            Optional<Execution> execution = engine.find(id);
            if (saved.isEmpty() || execution.isEmpty()) {
                return null;
            }
            Optional<WorkflowSpec> spec = files.load(engine.action(execution.get().actionRef())).optionalSpec();
            if (spec.isEmpty()) {
                return null;
            }
            FlowState state = FlowState.fromJson(saved.get());
            f = new Flow(id, conductor(execution.get(), spec.get(), state));
            reconcile(f);
            flows.put(id, f);
            return f;
        }
    }

    /** Matches the units the state says were requested with the children the engine recorded. */
    private void reconcile(Flow flow) {
        List<Execution> children = engine.children(flow.id());
        for (Unit u : flow.conductor().state().running()) {
            Execution found = null;
            for (Execution c : children) {
                if (c.context().get("orquesta") instanceof Map<?, ?> o && o.get("task_run") instanceof Number run
                        && run.intValue() == u.run
                        && (o.get("item_id") instanceof Number i ? i.intValue() : 0) == u.index
                        && (o.get("attempt") instanceof Number a ? a.intValue() : 0) == u.attempt) {
                    found = c;
                }
            }
            if (found == null) {
                u.status = "pending";
                continue;
            }
            u.childId = found.id();
            if (found.status().completed()) {
                apply(flow, found);
            }
        }
    }

    @Override
    public void shutdown() {
        timer.shutdown();
    }
}
