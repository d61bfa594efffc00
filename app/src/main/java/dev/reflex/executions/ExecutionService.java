package dev.reflex.executions;

import dev.reflex.actions.Action;
import dev.reflex.actions.ActionRegistry;
import dev.reflex.actions.ParameterException;
import dev.reflex.app.Service;
import dev.reflex.template.TemplateEngine;
import dev.reflex.triggers.TriggerEmitter;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution engine: creates executions, runs them on virtual threads through their runners,
 * applies policies, records every status transition, cancels and re-runs them, and recovers after a
 * crash (see the package description for the flow).
 *
 * <p>This class is the engine's face and its start and stop; the work is shared by package-private
 * parts: {@link ExecutionRequests} validates and records requests, {@link ExecutionRuns} runs live
 * executions through their runners and records their transitions, and {@link ExecutionControls}
 * finishes, pauses, resumes and cancels live executions.
 */
public final class ExecutionService implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionService.class);
    static final String ABANDONED_REASON = "Execution abandoned: the Reflex server running it stopped before it completed";

    private final ActionRegistry actions;
    private final ExecutionRepository repository;
    private final CompletionTriggers triggers;
    private final Clock clock;
    private final ExecutionSettings settings;
    private final Map<String, Orchestrator> orchestrators = new HashMap<>();
    private final ExecutionRuns runs;
    private final ExecutionRequests requests;
    private final ExecutionControls controls;
    private final Map<String, LiveExecution> live;

    /**
     * An engine.
     *
     * @param actions    the actions
     * @param runners    the runners, by name
     * @param repository where executions are recorded
     * @param policies   the policies in force
     * @param templates  renders parameters and notifications
     * @param emitter    receives actiontrigger and notifytrigger instances; null when there is no trigger pipeline
     * @param secrets    the datastore: a key's decrypted value (for {@code st2kv} and runner secrets)
     * @param clock      the time source
     * @param settings   engine settings
     */
    public ExecutionService(ActionRegistry actions, dev.reflex.runners.Runners runners, ExecutionRepository repository,
                            PolicyRegistry policies, TemplateEngine templates, TriggerEmitter emitter,
                            Function<String, Optional<String>> secrets, Clock clock, ExecutionSettings settings) {
        this.actions = actions;
        this.repository = repository;
        ActionInvocation invocation = new ActionInvocation(runners, settings);
        this.triggers = new CompletionTriggers(emitter, templates, secrets);
        this.clock = clock;
        this.settings = settings;
        for (dev.reflex.runners.Runner r : runners.all()) {
            if (r instanceof Orchestrator o) {
                orchestrators.put(o.name(), o);
            }
        }
        RequestParameters requestParameters = new RequestParameters(templates, invocation, secrets, settings);
        this.runs = new ExecutionRuns(this, actions, repository, policies, invocation, triggers, requestParameters,
                secrets, clock, orchestrators);
        this.requests = new ExecutionRequests(actions, repository, invocation, triggers, requestParameters, clock,
                orchestrators, runs);
        this.controls = new ExecutionControls(repository, orchestrators, runs);
        this.live = runs.live;
        orchestrators.values().forEach(o -> o.attach(this));
    }

    @Override
    public String name() {
        return "executions";
    }

    /**
     * Marks executions a crash left running as abandoned, dispatches those not yet started, and hands
     * workflows (and other orchestrated executions) back to their orchestrators to carry on.
     */
    @Override
    public void start() {
        List<Execution> orchestrated = new java.util.ArrayList<>();
        for (Execution e : repository.inStatus(EnumSet.of(ExecutionStatus.RUNNING, ExecutionStatus.CANCELING,
                ExecutionStatus.PAUSING, ExecutionStatus.PAUSED, ExecutionStatus.RESUMING, ExecutionStatus.PENDING))) {
            if (orchestrators.containsKey(e.runnerType())) {
                orchestrated.add(withRecordedChildren(e));
                continue;
            }
            Execution abandoned = e.moveTo(ExecutionStatus.ABANDONED, clock.instant())
                    .withResult(Map.of("failed", true, "succeeded", false, "error", ABANDONED_REASON));
            repository.update(abandoned);
            LOG.warn("execution {} ({}) was {} when the server stopped; marked abandoned", e.id(), e.actionRef(),
                    e.status().value());
            triggers.completed(abandoned, actions.find(e.actionRef()));
        }
        List<Execution> waiting = repository.inStatus(EnumSet.of(ExecutionStatus.REQUESTED, ExecutionStatus.SCHEDULED,
                ExecutionStatus.DELAYED));
        for (Execution e : waiting) {
            LiveExecution l = new LiveExecution(e);
            live.put(e.id(), l);
        }
        for (Execution e : orchestrated) {
            LiveExecution l = new LiveExecution(e);
            live.put(e.id(), l);
        }
        for (Execution e : orchestrated) {
            recover(live.get(e.id()));
        }
        for (Execution e : waiting) {
            runs.dispatch(live.get(e.id()));
        }
        if (!waiting.isEmpty()) {
            LOG.info("{} execution(s) requested before the restart dispatched again", waiting.size());
        }
        if (!orchestrated.isEmpty()) {
            LOG.info("{} workflow execution(s) running before the restart resumed", orchestrated.size());
        }
    }

    /**
     * The execution with every child recorded with its id as parent: requesting a child does not
     * rewrite the parent's row (see {@link #request}), so its stored {@code children} may lack the
     * latest ones after a crash.
     */
    private Execution withRecordedChildren(Execution e) {
        Execution out = e;
        for (Execution c : repository.children(e.id())) {
            if (!out.children().contains(c.id())) {
                out = out.withChild(c.id());
            }
        }
        return out;
    }

    private void recover(LiveExecution l) {
        Execution e = l.current;
        Optional<Action> action = actions.find(e.actionRef());
        try {
            if (action.isEmpty()) {
                throw new IllegalStateException("Action \"" + e.actionRef() + "\" cannot be found.");
            }
            orchestrators.get(e.runnerType()).recover(e, action.get());
        } catch (RuntimeException ex) {
            LOG.error("execution {} ({}) could not be resumed after the restart", e.id(), e.actionRef(), ex);
            synchronized (l) {
                if (!l.current.status().completed()) {
                    runs.complete(l, ExecutionStatus.FAILED, Map.of("failed", true, "succeeded", false,
                            "error", "Reflex could not resume the workflow after a restart: " + ex.getMessage()));
                }
            }
        }
    }

    /**
     * Requests an execution: validates and records it as {@code requested}, then hands it to a worker.
     *
     * @param actionRef   the action
     * @param parameters  the parameter values given
     * @param context     the execution context ({@code user}, and {@code rule}, {@code trigger_instance}… from rules)
     * @param renderGiven whether given strings are Jinja to render (false for values a rule rendered)
     * @return the recorded execution
     * @throws IllegalArgumentException (a {@link ParameterException} for parameters) when it cannot run; nothing is recorded
     */
    public Execution request(String actionRef, Map<String, Object> parameters, Map<String, Object> context,
                             boolean renderGiven) {
        return requests.request(actionRef, parameters, context, renderGiven);
    }

    /**
     * Requests an execution as {@link #request} does, without waiting for its {@code requested} row
     * to commit: for the rules engine, whose record of the enforcement and of the trigger instance
     * being processed is queued on the store's one writer after this insert and so is committed with it
     * or after it (a crash before that commit leaves the instance pending, matched again at the next
     * start, as when the dispatcher waited for this commit). The
     * execution is dispatched once its row is durable (a repeatable runner at once, as {@link #request}
     * does). If the insert fails, the failure is logged and the execution is dropped, unrecorded. A
     * child of a workflow is requested as {@link #request} requests it.
     *
     * @throws IllegalArgumentException as {@link #request}; nothing is recorded then
     */
    public Execution requestQueued(String actionRef, Map<String, Object> parameters, Map<String, Object> context,
                                   boolean renderGiven) {
        return requests.requestQueued(actionRef, parameters, context, renderGiven);
    }

    /**
     * Requests an execution as {@link #request} does, without holding the calling thread while its
     * {@code requested} row commits: for the HTTP API, which answers when the future completes. The
     * future completes with the execution once its row is durable (on the store's completer thread), or
     * fails with the insert's failure, the execution then dropped, unrecorded. A child of a workflow
     * (a context naming a parent) is recorded as {@link #request} records it, on a virtual thread.
     *
     * @throws IllegalArgumentException as {@link #request}, before anything is recorded
     */
    public CompletableFuture<Execution> requestAsync(String actionRef, Map<String, Object> parameters,
                                                                          Map<String, Object> context, boolean renderGiven) {
        return requests.requestAsync(actionRef, parameters, context, renderGiven);
    }

    /**
     * Requests a child execution of a workflow: as {@link #request}, with {@code context.parent} set to
     * {@code {execution_id, user, pack}} of the parent and the parent's user inherited.
     *
     * @param parentId   the workflow execution, which must be live
     * @param actionRef  the action the task runs
     * @param parameters the task's parameter values, already rendered
     * @param context    what the orchestrator adds to the child's context (such as {@code chain: {name}})
     * @return the recorded child
     * @throws IllegalArgumentException when the action is unknown, disabled or its parameters are invalid
     */
    public Execution requestChild(String parentId, String actionRef, Map<String, Object> parameters,
                                  Map<String, Object> context) {
        return requests.requestChild(parentId, actionRef, parameters, context);
    }

    /**
     * Ends an orchestrated execution (a workflow or an inquiry) with a completed status and its result.
     *
     * @return false when the execution is not live or already completed
     */
    public boolean finish(String id, ExecutionStatus status, Map<String, Object> result) {
        return controls.finish(id, status, result);
    }

    /**
     * Moves a live orchestrated execution to a status that does not end it ({@code paused} once a pause
     * has taken effect, {@code running} after resuming, {@code pending} while an inquiry waits), with an
     * optional interim result.
     *
     * @return the execution as recorded
     * @throws IllegalStateException when the execution is not live or the move is not allowed
     */
    public Execution transition(String id, ExecutionStatus next, Map<String, Object> result) {
        return controls.transition(id, next, result);
    }

    /**
     * Pauses a running workflow: it moves to {@code pausing}, starts no new task and becomes
     * {@code paused} when its running children have ended or paused.
     *
     * @throws IllegalStateException when the execution is not a running workflow
     */
    public Execution pause(String id) {
        return controls.pause(id);
    }

    /**
     * Resumes a paused workflow: it moves to {@code resuming}, then {@code running} as its orchestrator
     * carries on.
     *
     * @throws IllegalStateException when the execution is not a paused workflow
     */
    public Execution resume(String id) {
        return controls.resume(id);
    }

    /** The child executions of an execution, oldest first. */
    public List<Execution> children(String id) {
        return repository.children(id);
    }

    /** Whether a runner type is orchestrated (a workflow or an inquiry) rather than run on a thread. */
    public boolean orchestrated(String runnerType) {
        return orchestrators.containsKey(runnerType);
    }

    /**
     * Records an execution that failed before it could be requested (a rule whose parameters did not
     * render), so that the failure shows in the history as StackStorm shows it.
     */
    public Execution failedRequest(String actionRef, Map<String, Object> parameters, Map<String, Object> context,
                                   String error) {
        return requests.failedRequest(actionRef, parameters, context, error);
    }

    /** Re-runs an execution with its parameters, overridden by {@code overrides} (unless {@code noMerge}). */
    public Execution rerun(String id, Map<String, Object> overrides, boolean noMerge, String user) {
        return requests.rerun(id, overrides, noMerge, user);
    }

    /**
     * Cancels an execution: one that has not started is {@code canceled} at once; a running one goes
     * to {@code canceling} while its runner stops it.
     *
     * @throws IllegalStateException when it is already completed
     */
    public Execution cancel(String id, String by) {
        return controls.cancel(id, by);
    }

    /** The execution with this id. */
    public Optional<Execution> find(String id) {
        return runs.find(id);
    }

    /** Executions matching the filters, newest first. */
    public List<Execution> list(ExecutionQuery query) {
        return repository.list(query);
    }

    /** The live output of a running or recently completed execution. */
    public Optional<OutputBuffer> output(String id) {
        return runs.output(id);
    }

    /** The action named by a ref. */
    public Action action(String ref) {
        return requests.action(ref);
    }

    /**
     * Stops taking work: running executions are cancelled and, if they end within the grace period,
     * recorded as abandoned; the others are found running at the next start and abandoned then.
     */
    @Override
    public void stop() throws InterruptedException {
        runs.stop(settings.stopGrace());
    }

    /** An execution id that is not known. */
    public static final class NotFound extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** The exception with its message. */
        public NotFound(String message) {
            super(message);
        }
    }
}
